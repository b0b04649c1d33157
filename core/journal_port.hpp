// What the bus needs from the journal, so core does not depend on storage.
#pragma once

#include <cstdint>
#include <memory>

#include "base/result.hpp"
#include "events/event.hpp"

namespace strike::core {

class journal_port {
 public:
  virtual ~journal_port() = default;

  // Appends e, whose seq is last_seq() + 1. When this returns success the event is recorded
  // in the journal's order (and, depending on the durability policy, on disk). Once an append
  // has failed, every later append fails too.
  virtual status append(const events::event& e) = 0;

  // As append(), for an event that its publisher shares and never changes again: a journal
  // that encodes events later, on another thread, keeps this one rather than a copy.
  virtual status append_shared(std::shared_ptr<const events::event> e) { return append(*e); }

  // Seq of the last event appended.
  virtual std::int64_t last_seq() const = 0;
};

}  // namespace strike::core
