// The protective stop: a stop-loss order resting at the broker for the whole of an open
// position ([exits] broker_stop), so that a position is protected while the daemon is down.
//
// Its life: placed once the entry fills (PositionOpened), its trigger moved when the stop moves
// (StopAdjusted) and its quantity when the position grows; resolved — cancel confirmed, or
// filled — before any exit order is sent, so a position never turns short because the stop and
// an exit both filled; cancelled when the position closes some other way.
#include <algorithm>
#include <cstdlib>

#include "core/mul_div.hpp"
#include "core/positions.hpp"
#include "core/trading/ladder.hpp"
#include "core/trading/order_key.hpp"
#include "core/trading/trading_engine.hpp"

namespace strike::core::trading {

namespace ev = strike::events;

namespace {
// Exits the engine takes on its own stop, which the resting stop is there to take first.
bool stop_reason(const std::string& reason) {
  return reason == "stop_loss" || reason == "trailing_stop" || reason == "break_even";
}

// Stops that keep being refused (a trigger the broker will not take) stop being sent: the
// engine's own stop still watches the position.
constexpr std::int64_t max_stop_attempts = 3;
}  // namespace

const order_record* trading_engine::working_stop(const position_record& p) const {
  auto o = state_.orders.find(p.stop_order);
  if (o == state_.orders.end() || is_terminal(o->second.status)) return nullptr;
  return &o->second;
}

std::int64_t trading_engine::stop_limit_price(ev::side side, std::int64_t trigger,
                                              std::int64_t tick) const {
  if (!config_.exits.broker_stop_limit) return 0;
  const std::int64_t offset = mul_div(trigger, config_.exits.broker_stop_limit_bps, 10'000);
  const std::int64_t limit =
      round_to_tick(side == ev::side::sell ? trigger - offset : trigger + offset, tick);
  return std::max(limit, tick);
}

void trading_engine::protect(const std::string& position) {
  if (!config_.exits.broker_stop || !can_send() || !market_open() || flattening()) return;
  auto it = state_.positions.find(position);
  if (it == state_.positions.end() || it->second.qty == 0 || !it->second.opened) return;
  const position_record& p = it->second;
  if (!p.exit_reason.empty()) return;  // the exit resolves the stop; nothing is added to it
  const order_record* stop = working_stop(p);
  if (!stop) {
    place_stop(p);
    return;
  }
  // Changed only once the broker has the order and no other change is on its way; the change
  // that lands brings the next one (on OrderModified).
  if (stop->pending != order_pending::none || stop->broker_id.empty()) return;
  const std::int64_t qty = within_one_order(p, stop->filled_qty + std::abs(p.qty));
  if (qty == stop->qty && p.stop_paise == stop->trigger_paise) return;
  publish(ev::order_modify_requested{p.stop_order, 0, stop->order_type,
                                     stop_limit_price(stop->side, p.stop_paise, p.tick_paise), qty,
                                     p.stop_paise},
          {.corr = p.stop_order});
}

void trading_engine::place_stop(const position_record& p) {
  const std::string& instrument = p.instrument;
  if (p.stop_attempts >= max_stop_attempts || p.stop_paise <= 0) return;
  const ev::side side = p.qty > 0 ? ev::side::sell : ev::side::buy;
  // Already through the stop: the engine's own stop exits it; a stop order would be refused.
  if (const quote* q = market_.find(instrument); q && q->ltp > 0) {
    if (side == ev::side::sell ? q->ltp <= p.stop_paise : q->ltp >= p.stop_paise) return;
  }
  // One order covers at most the freeze quantity; above it the engine's own stop guards the
  // rest while the daemon runs.
  const std::int64_t qty = within_one_order(p, std::abs(p.qty));
  const std::string key =
      order_key({"", instrument, side, qty, ev::purpose::stop, "protective_stop",
                 p.id + "#stop" + std::to_string(p.stop_attempts + 1)});
  if (publish(ev::order_intent{key, p.strategy, instrument, p.symbol, side, qty, ev::purpose::stop,
                               "protective_stop", p.stop_paise, p.tick_paise, p.lot_size},
              {.key = key, .corr = p.entry_order}) == 0)
    return;
  const auto type =
      config_.exits.broker_stop_limit ? ev::order_type::stop_limit : ev::order_type::stop_market;
  publish(ev::order_submitted{key, type, stop_limit_price(side, p.stop_paise, p.tick_paise),
                              p.stop_paise, qty, 1},
          {.corr = p.entry_order});
}

bool trading_engine::stop_resolved(const position_record& p) {
  const order_record* stop = working_stop(p);
  if (!stop) return true;
  if (stop->pending == order_pending::cancel) return false;
  // The engine saw the stop hit: the resting order is the faster way out, and is given the
  // grace to fill before the ladder takes over.
  if (stop_reason(p.exit_reason) &&
      clock_.now_ns() < p.exit_triggered_ns + config_.exits.broker_stop_grace_ns)
    return false;
  // A refused cancel (usually "it is complete": the fill is on its way) is asked again only after
  // the ladder's backoff, not on every tick until the books show the fill.
  if (stop->refusals > 0 &&
      clock_.now_ns() < step_due(config_.ladder, ev::purpose::exit, stop->step_ns, stop->refusals))
    return false;
  publish(ev::order_cancel_requested{p.stop_order, "exit:" + p.exit_reason},
          {.corr = p.stop_order});
  return false;
}

void trading_engine::on_stop_done(const order_record& stop) {
  const std::string position = position_key(state_, stop);
  auto it = state_.positions.find(position);
  if (it == state_.positions.end() || it->second.qty == 0) return;
  const position_record& p = it->second;
  if (!p.exit_reason.empty() || flattening()) {
    // Its cancel is confirmed (or it ended otherwise): the exit goes out for what is left.
    exit_position(position, p.exit_reason.empty() ? state_.risk.flatten_reason : p.exit_reason);
    return;
  }
  protect(position);  // refused, expired or cancelled by someone else: placed again
}

std::int64_t trading_engine::stop_grace_due() const {
  std::int64_t next = 0;
  if (!config_.exits.broker_stop) return next;
  for (const auto& [key, p] : state_.positions) {
    if (p.qty == 0 || !stop_reason(p.exit_reason) || !working_stop(p)) continue;
    const std::int64_t due = p.exit_triggered_ns + config_.exits.broker_stop_grace_ns;
    if (next == 0 || due < next) next = due;
  }
  return next;
}

}  // namespace strike::core::trading
