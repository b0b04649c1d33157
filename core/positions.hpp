// Where a position lives in state::positions. Positions are held per contract and strategy
// instance: two instances in one contract each keep their own quantity, cost and P&L, and the
// broker's one net position in it is their sum. The first instance in a contract keys its
// position by the contract's instrument, so a single instance (and every journal written before
// instances shared contracts) reads as it always has; another instance's position in the same
// contract is keyed "instrument@instance".
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/state.hpp"

namespace strike::core {

// The key of the position instance holds in instrument, or of the one its next fill opens.
// An empty instance (journals from before instances) means the instrument's own key.
std::string position_key(const state& s, std::string_view instrument, std::string_view instance);

// The position instance holds in instrument, or null.
const position_record* find_position(const state& s, std::string_view instrument,
                                     std::string_view instance);
position_record* find_position(state& s, std::string_view instrument, std::string_view instance);

// The position an order's fills move: its instance's, in its contract.
inline std::string position_key(const state& s, const order_record& o) {
  return position_key(s, o.instrument, o.strategy);
}

// True when key names a position in instrument: the instrument's own key, or "instrument@...".
inline bool key_in(std::string_view key, std::string_view instrument) {
  return key.starts_with(instrument) &&
         (key.size() == instrument.size() || key[instrument.size()] == '@');
}

// Calls f(key) for every position in instrument, of any instance, in key order. The next
// position is looked up after f returns, so f may publish events that drop positions; nothing is
// allocated for keys that fit a short string (a contract's own key), as on every quote.
template <class F>
void for_each_position_in(const state& s, std::string_view instrument, F&& f) {
  std::string key(instrument);
  for (auto it = s.positions.lower_bound(key);
       it != s.positions.end() && std::string_view(it->first).starts_with(instrument);
       it = s.positions.upper_bound(key)) {
    key = it->first;
    if (key_in(key, instrument)) f(std::as_const(key));
  }
}

// The keys of every position in instrument, of any instance, in key order.
std::vector<std::string> position_keys_in(const state& s, std::string_view instrument);

// The net quantity all instances hold in instrument: what the broker should show.
std::int64_t net_qty(const state& s, std::string_view instrument);

}  // namespace strike::core
