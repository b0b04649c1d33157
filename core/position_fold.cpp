#include "core/position_fold.hpp"

#include <algorithm>

#include "core/mul_div.hpp"
#include "core/positions.hpp"

namespace strike::core {

namespace ev = strike::events;

namespace {

void count_close(day_tally& t, const ev::position_closed& e, std::int64_t ts) {
  t.last_close_ns = ts;
  t.realized_pnl_paise = sat_add(t.realized_pnl_paise, e.net_pnl_paise);
  t.charges_paise = sat_add(t.charges_paise, e.charges_paise);
  ++t.trades;
  if (e.net_pnl_paise >= 0) {
    ++t.wins;
    t.consecutive_losses = 0;
  } else {
    ++t.losses;
    ++t.consecutive_losses;
  }
}

}  // namespace

void position_fold::intent(const ev::order_intent& e) {
  if (e.purpose != ev::purpose::exit && e.purpose != ev::purpose::stop) return;
  position_record* p = find_position(s, e.instrument, e.strategy);
  if (!p) return;
  if (e.purpose == ev::purpose::exit) {
    p->exit_order = e.order;
    ++p->exit_attempts;
  } else {
    p->stop_order = e.order;
    ++p->stop_attempts;
  }
}

void position_fold::fill(const order_record& o, const ev::order_filled& e) {
  const std::int64_t signed_qty = o.side == ev::side::buy ? e.qty : sat_neg(e.qty);
  auto& p = s.positions[position_key(s, o)];
  if (p.qty == 0 && p.entry_qty == 0) {
    p = position_record{};
    p.id = e.order + "@" + std::to_string(env.seq);
    p.instrument = o.instrument;
    p.symbol = o.symbol;
    p.tick_paise = o.tick_paise;
    p.lot_size = o.lot_size;
    p.opened_ns = env.ts;
    p.entry_order = e.order;
    p.strategy = o.strategy;
  }
  p.charges_paise = sat_add(p.charges_paise, e.charges_paise);
  const bool reduces = (p.qty > 0 && signed_qty < 0) || (p.qty < 0 && signed_qty > 0);
  if (!reduces) {
    p.qty = sat_add(p.qty, signed_qty);
    p.cost_paise = sat_add(p.cost_paise, sat_mul(signed_qty, e.price_paise));
    p.entry_qty = sat_add(p.entry_qty, sat_abs(e.qty));
    p.entry_value_paise = sat_add(p.entry_value_paise, sat_mul(sat_abs(e.qty), e.price_paise));
    return;
  }
  const std::int64_t open = sat_abs(p.qty);
  const std::int64_t closing = std::min(sat_abs(e.qty), open);
  // Cost of the closed part, pro rata; exact when closing everything.
  const std::int64_t closed_cost =
      closing == open ? p.cost_paise : mul_div(p.cost_paise, closing, open);
  const std::int64_t proceeds = sat_mul(p.qty > 0 ? closing : sat_neg(closing), e.price_paise);
  p.realized_paise = sat_add(p.realized_paise, sat_sub(proceeds, closed_cost));
  p.cost_paise = sat_sub(p.cost_paise, closed_cost);
  p.qty = p.qty > 0 ? p.qty - closing : p.qty + closing;
  p.exit_qty = sat_add(p.exit_qty, closing);
  if (p.exit_cap >= 0) p.exit_cap = std::max<std::int64_t>(p.exit_cap - closing, 0);
  p.exit_value_paise = sat_add(p.exit_value_paise, sat_mul(closing, e.price_paise));
  const std::int64_t rest = sat_abs(e.qty) - closing;
  if (rest > 0) {  // crossed through zero: the remainder opens the other way
    p.qty = signed_qty > 0 ? rest : -rest;
    p.cost_paise = sat_mul(p.qty, e.price_paise);
  }
}

void position_fold::operator()(const ev::position_opened& e) {
  auto& p = s.positions[position_key(s, e.instrument, e.strategy)];
  p.opened = true;
  p.stop_paise = e.stop_paise;
  p.target_paise = e.target_paise;
  p.high_paise = e.avg_price_paise;
}

void position_fold::operator()(const ev::stop_adjusted& e) {
  if (auto* p = find_position(s, e.instrument, e.strategy)) {
    p->stop_paise = e.stop_paise;
    p->high_paise = e.high_paise;
    if (e.reason == "trail_activated" || e.reason == "trail") p->trailing = true;
    if (e.reason == "break_even") p->break_even = true;
  }
}

void position_fold::operator()(const ev::position_exit_triggered& e) {
  if (auto* p = find_position(s, e.instrument, e.strategy)) {
    p->exit_reason = e.reason;
    p->exit_triggered_ns = env.ts;
  }
}

void position_fold::operator()(const ev::position_closed& e) {
  count_close(s.today, e, env.ts);
  auto it = s.positions.find(position_key(s, e.instrument, e.strategy));
  std::string owner = e.strategy;
  if (owner.empty() && it != s.positions.end()) owner = it->second.strategy;
  if (!owner.empty()) {
    auto& t = s.instances_today[owner];
    if (t.date.empty()) t.date = s.today.date;
    count_close(t, e, env.ts);
  }
  if (it != s.positions.end() && it->second.qty == 0) s.positions.erase(it);
}

void position_fold::operator()(const ev::reconciliation_discrepancy& e) {
  if (e.kind != "qty_mismatch" || e.action != "reported") return;
  // The broker holds broker_qty of the contract, the instances together more: the exits of each,
  // in key order, are capped at what is left of the broker's, so none sells what is not held.
  std::int64_t left = sat_abs(e.broker_qty);
  for (const auto& key : position_keys_in(s, e.instrument)) {
    auto& p = s.positions.at(key);
    if (p.qty == 0) continue;
    const bool same_side = (e.broker_qty > 0) == (p.qty > 0) && e.broker_qty != 0;
    const std::int64_t held = same_side ? std::min(left, sat_abs(p.qty)) : 0;
    left -= held;
    if (held < sat_abs(p.qty)) p.exit_cap = held;
  }
}

}  // namespace strike::core
