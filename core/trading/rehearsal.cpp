// The trading engine's rehearsal of an entry (trading_engine::rehearse_entry).
#include <algorithm>
#include <memory>

#include "core/trading/ladder.hpp"
#include "core/trading/order_key.hpp"
#include "core/trading/rehearsal.hpp"
#include "core/trading/risk.hpp"
#include "core/trading/trading_engine.hpp"

namespace strike::core::trading {

namespace ev = strike::events;

void trading_engine::rehearse_entry(const entry_intent& in) const {
  const auto [q, ref, dte, qty] = terms_of(in);
  // The entry's own basis (the bar being formed): the key is the one the decision will make if
  // it makes this entry, so the lookups below walk to where the bus and the fold will put it.
  // Nothing is put there.
  const std::string key = order_key(
      {in.strategy, in.instrument, in.side, qty, ev::purpose::entry, in.reason, in.basis});
  rehearsed(&key);
  if (state_.keys.contains(key)) return;
  const bool known = state_.orders.find(key) != state_.orders.end() ||
                     state_.open_orders.find(key) != state_.open_orders.end();
  rehearsed(&known);
  const risk_verdict verdict =
      check_entry(config_.risk, config_.charges, state_,
                  entry_check_for(in.instrument, in.lot_size, ref, in.side, dte, q));
  rehearsed(&verdict);
  // The intent's event as the bus would make it, folded as the bus would fold it, into a state
  // of its own; and the ladder's first price.
  const auto intent = std::make_shared<const ev::event>(
      ev::envelope{1, clock_.now_ns(), key, 0, key},
      ev::order_intent{key, in.strategy, in.instrument, in.symbol, in.side, qty, ev::purpose::entry,
                       in.reason, ref, in.tick_paise, in.lot_size});
  {
    state scratch;
    apply(scratch, *intent);
    rehearsed(&scratch);
  }
  const std::int64_t price = step_price(config_.ladder, in.side, ref, in.tick_paise, 0);
  rehearsed(&price);
}

void trading_engine::rehearse_entry() const {
  const auto it = state_.orders.find(last_entry_);
  if (it == state_.orders.end()) return;
  const order_record& o = it->second;
  entry_intent in;
  in.strategy = o.strategy;
  in.instrument = o.instrument;
  in.symbol = o.symbol;
  in.side = o.side;
  in.reason = o.reason;
  in.lot_size = o.lot_size;
  in.tick_paise = o.tick_paise;
  in.basis = "rehearsal";  // a basis no decision has
  rehearse_entry(in);
}

}  // namespace strike::core::trading
