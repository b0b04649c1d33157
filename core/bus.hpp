// The event bus: stamps each event with its seq and time, journals it, then delivers it in
// order to subscribers.
//
// Single-threaded: publish() and subscribe() are called on the reactor thread only. Other
// threads post work to the reactor, which publishes.
//
// Delivery is breadth-first: an event published by a subscriber is journaled at once (so seq
// order is publish order) and delivered after every subscriber has seen the current event.
// Subscribers therefore always see events in seq order. The state fold is not a subscriber: it
// runs inside publish(), so the state already holds every event journaled, delivered or not,
// and whoever publishes reads a state that includes what it has just published.
#pragma once

#include <array>
#include <bitset>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "base/result.hpp"
#include "core/clock.hpp"
#include "core/idempotency_keys.hpp"
#include "core/journal_port.hpp"
#include "events/event.hpp"

namespace strike::core {

struct publish_options {
  std::string key;         // idempotency key: an event whose key was journaled before is dropped
  std::int64_t cause = 0;  // seq of the event that led to this one
  std::string corr;        // correlation id
};

struct bus_stats {
  std::int64_t published = 0;
  std::int64_t duplicates_dropped = 0;
  std::int64_t subscriber_errors = 0;
  std::int64_t journal_errors = 0;
};

class bus {
 public:
  using handler = std::function<void(const events::event&)>;
  using shared_handler = std::function<void(const std::shared_ptr<const events::event>&)>;
  // Event types, by catalogue index.
  using type_set = std::bitset<events::type_count>;
  static type_set every_type() { return type_set().set(); }
  template <class... T>
  static type_set types_of() {
    type_set s;
    (s.set(events::index_of<T>()), ...);
    return s;
  }

  // Events get seq journal.last_seq() + 1 onward and ts from clock. keys is the set of
  // idempotency keys already journaled (rebuilt by replay); the bus adds to it. All three
  // must outlive the bus.
  bus(journal_port& journal, const clock& clock, idempotency_keys& keys);
  bus(const bus&) = delete;  // subscribers may hold on to it
  bus& operator=(const bus&) = delete;

  // Journals and delivers one event. Returns its seq; 0 when it was dropped because its key
  // had been journaled already; an error when the journal refused it (nothing was delivered).
  result<std::int64_t> publish(events::payload body, publish_options options = {});

  // Applies each event to the folded state the moment it is journaled, before it is queued for
  // delivery. One fold per bus; registering another replaces it.
  void fold_with(handler fn);

  // Delivers every event of the given types, in order, before typed subscribers see it. One
  // that cares for a few types names them: the others then cost it nothing, not even a call.
  void subscribe_all(std::string name, handler fn, type_set types = every_type());
  // As subscribe_all, handing over the event the bus and the journal share: a subscriber that
  // keeps events keeps a share of it rather than a copy.
  void subscribe_all_shared(std::string name, shared_handler fn);

  // Delivers events of type T.
  template <class T>
  void subscribe(std::string name, std::function<void(const events::event&, const T&)> fn) {
    typed_[events::index_of<T>()].push_back(
        {std::move(name),
         [fn = std::move(fn)](const events::event& e) { fn(e, std::get<T>(e.body)); }});
  }

  const bus_stats& stats() const { return stats_; }
  std::int64_t last_seq() const { return journal_.last_seq(); }

  // Deliveries queued while a subscriber publishes; beyond this a publish cascade is a bug.
  static constexpr std::size_t max_queued = 100'000;

 private:
  struct subscriber {
    std::string name;
    handler fn;
    type_set types = every_type();
  };

  void drain();
  void deliver(const subscriber& sub, const events::event& e);

  journal_port& journal_;
  const clock& clock_;
  subscriber fold_;
  idempotency_keys& keys_;
  std::vector<subscriber> all_;
  std::array<std::vector<subscriber>, events::type_count> typed_;
  // Shared with the journal, which may encode an event after it has been delivered.
  std::deque<std::shared_ptr<const events::event>> queue_;
  bool draining_ = false;
  bus_stats stats_;
};

}  // namespace strike::core
