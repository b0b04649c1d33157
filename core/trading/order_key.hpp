// Idempotency keys for orders: a shortened SHA-256 of the intent's canonical form.
//
// The key is sent to the broker as the order tag and carried by every event about the order,
// so a retry, a crash in the middle of a send or a replay can never produce a second order:
// the same decision always hashes to the same key, and the bus drops an intent whose key is
// already in the journal.
#pragma once

#include <cstdint>
#include <string>

#include "events/enums.hpp"

namespace strike::core::trading {

// Angel One's ordertag must be shorter than 20 characters; 16 hex digits (64 bits) fit every
// broker we know and make an accidental collision within a day negligible.
inline constexpr std::size_t order_key_length = 16;

struct intent_identity {
  std::string strategy;
  std::string instrument;
  events::side side = events::side::buy;
  std::int64_t qty = 0;
  events::purpose purpose = events::purpose::entry;
  std::string reason;
  // What makes this decision different from an earlier, identical-looking one: for an entry,
  // the start of the bar that triggered it; for an exit, the entry order and the exit attempt.
  std::string basis;
};

// "strategy|instrument|side|qty|purpose|reason|basis", fields escaped so that no two
// identities share a canonical form.
std::string canonical_form(const intent_identity& id);

// The first order_key_length hex digits of SHA-256(canonical_form(id)).
std::string order_key(const intent_identity& id);

}  // namespace strike::core::trading
