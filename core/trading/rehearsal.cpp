// The trading engine's rehearsal of an entry (trading_engine::rehearse_entry).
#include <algorithm>
#include <memory>

#include "core/trading/ladder.hpp"
#include "core/trading/order_key.hpp"
#include "core/trading/rehearsal.hpp"
#include "core/trading/risk.hpp"
#include "core/trading/sizing.hpp"
#include "core/trading/trading_engine.hpp"

namespace strike::core::trading {

namespace ev = strike::events;

void trading_engine::rehearse_entry() const {
  const auto it = state_.orders.find(last_entry_);
  if (it == state_.orders.end()) return;
  const order_record& o = it->second;
  const quote* q = market_.find(o.instrument);
  const std::int64_t ref = q ? reference_price(o.side, q->ltp, q->bid, q->ask) : o.ref_price_paise;
  const std::int64_t lots = std::max<std::int64_t>(
      lots_for(config_.risk.sizing, vix(), state_.session.days_to_expiry), 1);
  const std::int64_t qty = lots * o.lot_size;
  // A basis no decision has: the key is a real key's work, and never one of them.
  const std::string key =
      order_key({o.strategy, o.instrument, o.side, qty, ev::purpose::entry, o.reason, "rehearsal"});
  rehearsed(&key);
  if (state_.keys.contains(key)) return;
  const risk_verdict verdict = check_entry(
      config_.risk, config_.charges, state_,
      entry_check_for(o.instrument, o.lot_size, ref, o.side, state_.session.days_to_expiry, q));
  rehearsed(&verdict);
  // The intent's event as the bus would make it, and the ladder's first price.
  const auto intent = std::make_shared<const ev::event>(
      ev::envelope{0, clock_.now_ns(), key, 0, key},
      ev::order_intent{key, o.strategy, o.instrument, o.symbol, o.side, qty, ev::purpose::entry,
                       o.reason, ref, o.tick_paise, o.lot_size});
  rehearsed(intent.get());
  const std::int64_t price = step_price(config_.ladder, o.side, ref, o.tick_paise, 0);
  rehearsed(&price);
}

}  // namespace strike::core::trading
