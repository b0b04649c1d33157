// The trading engine's reactions: to journaled events (fills, order endings, the session),
// to quotes and to the passing of time.
#include <algorithm>

#include "core/positions.hpp"
#include "core/trading/exit_rules.hpp"
#include "core/trading/ladder.hpp"
#include "core/trading/trading_engine.hpp"

namespace strike::core::trading {

namespace ev = strike::events;

namespace {
// Why an entry order is no longer wanted: the reason its cancel was asked for, unless the
// ladder simply gave up chasing it (a late fill of that is still a position we wanted).
std::string abandoned_because(const order_record& o) {
  if (o.purpose != ev::purpose::entry || o.cancel_reason.empty() ||
      o.cancel_reason == "ladder_exhausted")
    return {};
  return o.cancel_reason;
}
}  // namespace

void trading_engine::attach() {
  bus_.subscribe<ev::order_filled>(
      "trading.fill", [this](const ev::event& e, const ev::order_filled& f) { on_fill(e, f); });
  bus_.subscribe<ev::order_cancelled>(
      "trading.cancelled",
      [this](const ev::event&, const ev::order_cancelled& c) { on_order_done(c.order); });
  bus_.subscribe<ev::order_rejected>(
      "trading.rejected",
      [this](const ev::event&, const ev::order_rejected& r) { on_order_done(r.order); });
  bus_.subscribe<ev::order_expired>(
      "trading.expired",
      [this](const ev::event&, const ev::order_expired& x) { on_order_done(x.order); });
  bus_.subscribe<ev::order_accepted>(
      "trading.accepted",
      [this](const ev::event&, const ev::order_accepted& a) { on_accepted(a.order); });
  bus_.subscribe<ev::order_modified>(
      "trading.modified", [this](const ev::event&, const ev::order_modified& m) {
        // A stop's change has landed: the next one, if the stop moved meanwhile.
        if (auto o = state_.orders.find(m.order);
            o != state_.orders.end() && o->second.purpose == ev::purpose::stop)
          protect(position_key(state_, o->second));
      });
  bus_.subscribe<ev::risk_rejected>(
      "trading.risk_rejected",
      [this](const ev::event&, const ev::risk_rejected&) { check_flatten_done(); });
  bus_.subscribe<ev::session_opened>(
      "trading.session",
      [this](const ev::event&, const ev::session_opened&) { on_session_opened(); });
  bus_.subscribe<ev::end_of_day_exit>(
      "trading.eod",
      [this](const ev::event&, const ev::end_of_day_exit&) { close_all("end_of_day"); });
  bus_.subscribe<ev::vix_breaker_tripped>(
      "trading.vix",
      [this](const ev::event&, const ev::vix_breaker_tripped&) { close_all("vix"); });
  bus_.subscribe<ev::trading_halted>("trading.halt",
                                     [this](const ev::event&, const ev::trading_halted& h) {
                                       // An instance's halt exits only its own positions
                                       // (check_instance_losses), never the account's.
                                       if (h.flatten && h.strategy.empty()) close_all(h.reason);
                                     });
}

void trading_engine::on_fill(const ev::event&, const ev::order_filled& f) {
  auto o = state_.orders.find(f.order);
  if (o == state_.orders.end()) return;
  // The position this order's fills moved: its instance's, in its contract.
  const std::string position = position_key(state_, o->second);
  auto it = state_.positions.find(position);
  if (it == state_.positions.end()) return;
  const position_record& p = it->second;
  const std::string instrument = p.instrument;

  if (p.qty != 0 && p.opened && o->second.purpose == ev::purpose::entry && f.qty > 0 &&
      !p.trailing && !p.break_even) {
    // A later fill of the entry moved the average: the stop follows it, as if set on the whole.
    const std::int64_t avg = p.cost_paise / p.qty;
    const std::int64_t stop = initial_stop(config_.exits, p.qty, avg, p.tick_paise);
    if (stop != p.stop_paise)
      publish(ev::stop_adjusted{instrument, stop, p.high_paise, "rebased", p.strategy});
  }
  if (p.qty != 0 && !p.opened) {
    const std::int64_t avg = p.cost_paise / p.qty;
    publish(ev::position_opened{instrument, p.symbol, p.qty, avg,
                                initial_stop(config_.exits, p.qty, avg, p.tick_paise),
                                initial_target(config_.exits, p.qty, avg, p.tick_paise),
                                p.entry_order, p.strategy},
            {.key = "opened:" + p.id, .corr = p.entry_order});
    best_[position] = avg;
  }
  if (p.qty == 0) {
    const std::int64_t entry_avg = p.entry_qty ? p.entry_value_paise / p.entry_qty : 0;
    const std::int64_t exit_avg = p.exit_qty ? p.exit_value_paise / p.exit_qty : 0;
    const bool losing = p.realized_paise - p.charges_paise < 0;
    // The fold drops the position as it takes the close in: p is not read after this.
    const std::string contract = p.instrument, instance = p.strategy;
    const std::int64_t closed =
        publish(ev::position_closed{contract, p.exit_qty, entry_avg, exit_avg, p.realized_paise,
                                    p.charges_paise, p.realized_paise - p.charges_paise, instance},
                {.key = "closed:" + p.id, .corr = p.entry_order});
    best_.erase(position);
    cancel_working(ev::purpose::stop, contract, instance, "closed");  // a stop's rest, in part
    // Today's losing streak already counts this close.
    const std::int64_t streak = state_.today.consecutive_losses;
    if (closed != 0 && losing && !state_.risk.halted_for("consecutive_losses") &&
        streak >= config_.risk.max_consecutive_losses)
      publish(ev::trading_halted{"consecutive_losses", "day", false,
                                 std::to_string(streak) + " losing trades in a row"},
              {.key = "halt:consecutive_losses:" + state_.today.date});
    check_flatten_done();
    return;
  }
  if (f.leaves_qty == 0 && o->second.purpose == ev::purpose::exit) {
    // The exit order is done but the position is not flat (entry fills came in meanwhile).
    exit_position(position, p.exit_reason.empty() ? "residual" : p.exit_reason);
  } else if (const std::string why = abandoned_because(o->second); !why.empty()) {
    // An entry we had asked to cancel (to exit, or to flatten) filled anyway: out it goes.
    exit_position(position, why);
  } else if (flattening()) {
    exit_position(position, state_.risk.flatten_reason);
  }
  protect(position);
  check_flatten_done();
}

void trading_engine::on_order_done(const std::string& key) {
  auto o = state_.orders.find(key);
  if (o != state_.orders.end() && o->second.purpose == ev::purpose::stop) on_stop_done(o->second);
  if (o != state_.orders.end() && o->second.purpose == ev::purpose::exit) {
    const std::string position = position_key(state_, o->second);
    auto p = state_.positions.find(position);
    // An exit that ended without closing the position is tried again.
    if (p != state_.positions.end() && p->second.qty != 0 && p->second.exit_order == key)
      exit_position(position, p->second.exit_reason.empty() ? "retry" : p->second.exit_reason);
  }
  check_flatten_done();
}

void trading_engine::on_accepted(const std::string& key) {
  // An entry whose place was still in flight when the flatten began reaches the broker now.
  auto o = state_.orders.find(key);
  if (o != state_.orders.end() && o->second.purpose == ev::purpose::stop) {
    protect(position_key(state_, o->second));  // the stop moved while its place was in flight
    return;
  }
  if (crossing_ && o != state_.orders.end() && o->second.purpose == ev::purpose::exit) {
    cross_exits();  // an exit whose place was in flight when the second SIGTERM came
    return;
  }
  if (!flattening() || !can_send() || o == state_.orders.end() ||
      o->second.purpose != ev::purpose::entry)
    return;
  if (is_terminal(o->second.status) || o->second.pending == order_pending::cancel) return;
  publish(ev::order_cancel_requested{key, state_.risk.flatten_reason}, {.corr = key});
  ++flatten_orders_;
}

void trading_engine::on_session_opened() {
  if (state_.risk.halted_for_day())
    publish(ev::trading_resumed{"new_session"}, {.key = "resume:" + state_.session.date});
}

void trading_engine::on_quote(const std::string& instrument, const quote& q) {
  market_.update(instrument, q);
  if (instrument == config_.vix_instrument) {
    if (auto change = vix_breaker_.on_vix(q.ts_ns, static_cast<double>(q.ltp) / 100.0,
                                          state_.risk.vix_tripped))
      publish(std::move(*change));
  }
  check_exits(instrument, q);
  check_daily_loss();
}

void trading_engine::check_exits(const std::string& instrument, const quote& q) {
  for_each_position_in(state_, instrument,
                       [&](const std::string& position) { check_exit(position, q); });
}

void trading_engine::check_exit(const std::string& position, const quote& q) {
  auto it = state_.positions.find(position);
  if (it == state_.positions.end() || it->second.qty == 0 || !it->second.opened) return;
  const position_record& p = it->second;
  if (!p.exit_reason.empty()) return;  // already exiting
  auto& best = best_[position];
  if (best == 0) best = p.high_paise;
  exit_inputs view{p.qty,          p.cost_paise / p.qty, p.stop_paise, best,
                   p.target_paise, p.trailing,           p.break_even, p.tick_paise};
  // Exits are judged on the price the position could be closed at: the bid for a long.
  const std::int64_t price = p.qty > 0 ? (q.bid > 0 ? q.bid : q.ltp) : (q.ask > 0 ? q.ask : q.ltp);
  best = p.qty > 0 ? std::max(best, q.ltp) : std::min(best, q.ltp);
  view.best_paise = best;
  const exit_verdict v = evaluate_exit(config_.exits, view, price);
  if (v.adjust) {
    publish(
        ev::stop_adjusted{p.instrument, v.adjust->stop_paise, best, v.adjust->reason, p.strategy});
    protect(position);
  }
  if (!v.exit_reason.empty()) exit_position(position, v.exit_reason);
}

void trading_engine::check_instance_losses() {
  for (const auto& [name, limits] : config_.instances) {
    const std::int64_t unrealized = unrealized_paise(name);
    const bool halted = state_.risk.instance_halt(name) != nullptr;
    if (!halted && !instance_loss_reached(limits, state_, name, unrealized)) continue;
    // Halted: what it still holds or is entering goes, each time until nothing is left (an
    // exit asked for while the market was closed is asked again once it opens).
    if (!halted)
      publish(
          ev::trading_halted{
              "daily_loss", "day", true,
              name + "'s net P&L " + std::to_string(instance_realized(state_, name) + unrealized) +
                  " paise reached its limit " + std::to_string(instance_loss_limit(limits)),
              name},
          {.key = "halt:daily_loss:" + state_.today.date + ":" + name});
    if (!can_send()) continue;
    std::vector<std::string> held;
    for (const auto& [key, p] : state_.positions)
      if (p.qty != 0 && p.strategy == name) held.push_back(key);
    std::vector<std::string> entries;
    for (const auto& [key, o] : open_orders_of(state_))
      if (o.purpose == ev::purpose::entry && o.strategy == name &&
          o.pending != order_pending::cancel && o.status != order_status::intended)
        entries.push_back(key);
    for (const auto& key : entries)
      publish(ev::order_cancel_requested{key, "instance_daily_loss"}, {.corr = key});
    for (const auto& key : held) exit_position(key, "instance_daily_loss");
  }
}

void trading_engine::check_daily_loss() {
  check_instance_losses();
  if (state_.risk.halted_for("daily_loss")) return;
  const std::int64_t unrealized = unrealized_paise();
  if (!daily_loss_reached(config_.risk, state_, unrealized)) return;
  publish(
      ev::trading_halted{"daily_loss", "day", true,
                         "net P&L " + std::to_string(state_.today.realized_pnl_paise + unrealized) +
                             " paise reached the limit " +
                             std::to_string(daily_loss_limit(config_.risk))},
      {.key = "halt:daily_loss:" + state_.today.date});
}

void trading_engine::on_time(std::int64_t now) {
  if (!can_send() || !market_open()) return;
  retry_exits();
  check_daily_loss();
  // While the broker's order breaker is open every modify would be refused: the ladder waits.
  if (auto b = state_.risk.breakers.find("orders");
      b != state_.risk.breakers.end() && b->second == ev::breaker_state::open)
    return;
  std::vector<std::pair<std::string, ladder_action>> due;
  for (const auto& [key, o] : open_orders_of(state_)) {
    if (o.status != order_status::accepted && o.status != order_status::partially_filled) continue;
    if (o.pending != order_pending::none || o.order_type == ev::order_type::market) continue;
    if (o.purpose == ev::purpose::stop) continue;  // it rests at its trigger
    ladder_action a;
    const std::int64_t began = step_began(config_.ladder, o.purpose, o.step_ns, o.refusals);
    const quote* q = o.purpose == ev::purpose::exit ? market_.find(o.instrument) : nullptr;
    if (q && q->ltp > 0)
      a = next_exit_action(config_.ladder, o.side, reference_price(o.side, q->ltp, q->bid, q->ask),
                           o.price_paise, o.tick_paise, o.ladder_step, began, now);
    else
      a = next_ladder_action(config_.ladder, o.side, o.purpose, o.ref_price_paise, o.tick_paise,
                             o.ladder_step, began, now);
    if (a.what != ladder_action::kind::none) due.emplace_back(key, a);
  }
  for (const auto& [key, a] : due) {
    const order_record& o = state_.orders.at(key);
    switch (a.what) {
      case ladder_action::kind::step:
        publish(
            ev::order_modify_requested{key, a.step, ev::order_type::limit, a.price_paise, o.qty},
            {.corr = key});
        break;
      case ladder_action::kind::cancel:
        publish(ev::order_cancel_requested{key, "ladder_exhausted"}, {.corr = key});
        break;
      case ladder_action::kind::cross:
        publish(
            ev::order_modify_requested{key, o.ladder_step + 1, ev::order_type::market, 0, o.qty},
            {.corr = key});
        break;
      case ladder_action::kind::none:
        break;
    }
  }
}

void trading_engine::retry_exits() {
  std::vector<std::string> due;
  for (const auto& [key, p] : state_.positions) {
    if (p.qty == 0 || p.exit_reason.empty()) continue;
    auto o = state_.orders.find(p.exit_order);
    if (o == state_.orders.end() || exit_failed(o->second)) due.push_back(key);
  }
  for (const auto& key : due) exit_position(key, state_.positions.at(key).exit_reason);
}

std::int64_t trading_engine::next_deadline() const {
  std::int64_t next = 0;
  auto consider = [&next](std::int64_t at) {
    if (next == 0 || at < next) next = at;
  };
  for (const auto& [key, o] : open_orders_of(state_)) {
    if (o.status != order_status::accepted && o.status != order_status::partially_filled) continue;
    if (o.pending != order_pending::none || o.order_type == ev::order_type::market) continue;
    if (o.purpose == ev::purpose::stop) continue;
    consider(step_due(config_.ladder, o.purpose, o.step_ns, o.refusals));
  }
  for (const auto& [key, p] : state_.positions) {
    if (p.qty == 0 || p.exit_reason.empty()) continue;
    if (auto o = state_.orders.find(p.exit_order);
        o != state_.orders.end() && exit_failed(o->second))
      consider(exit_retry_due(p, o->second));
  }
  if (const std::int64_t grace = stop_grace_due(); grace != 0) consider(grace);
  return next;
}

void trading_engine::resume() {
  for (const auto& [key, p] : state_.positions) {
    if (p.qty == 0 || !p.opened) {
      // The fill was journaled but its consequence was not: replay the reaction.
      if (auto o = state_.orders.find(p.qty == 0 ? p.exit_order : p.entry_order);
          o != state_.orders.end())
        on_fill({}, ev::order_filled{o->first, "", 0, 0, o->second.filled_qty,
                                     o->second.qty - o->second.filled_qty, 0, ""});
    }
  }
  if (!can_send()) return;
  std::vector<std::pair<std::string, std::string>> exiting;
  for (const auto& [key, p] : state_.positions) {
    if (p.qty == 0) continue;
    if (!p.exit_reason.empty()) exiting.emplace_back(key, p.exit_reason);
    // Bought by an entry that had been given up on (its fill came in while the daemon was down).
    else if (auto o = state_.orders.find(p.entry_order);
             o != state_.orders.end() && !abandoned_because(o->second).empty())
      exiting.emplace_back(key, abandoned_because(o->second));
  }
  for (const auto& [key, why] : exiting) exit_position(key, why);
  // A position left open with no stop at the broker gets one.
  std::vector<std::string> open;
  for (const auto& [key, p] : state_.positions)
    if (p.qty != 0 && p.exit_reason.empty()) open.push_back(key);
  for (const auto& key : open) protect(key);
  // An order approved but never submitted was never sent: submit it now. Intents cut off
  // before their risk verdict are refused, since their moment has passed.
  std::vector<std::string> approved, undecided;
  for (const auto& [key, o] : state_.orders) {
    if (o.status == order_status::approved) approved.push_back(key);
    if (o.status == order_status::intended) undecided.push_back(key);
  }
  for (const auto& key : approved) {
    const order_record& o = state_.orders.at(key);
    // Yesterday's decision, or one risk would refuse now, is never sent: its moment has passed.
    if (o.purpose == ev::purpose::entry) {
      if (auto v = entry_still_current(state_, o); !v.approved) {
        publish(ev::risk_rejected{key, v.check, "not sent after the restart: " + v.reason},
                {.corr = key});
        continue;
      }
    }
    submit(key, o);
  }
  for (const auto& key : undecided)
    publish(ev::risk_rejected{key, "restart", "the daemon restarted before the intent was decided"},
            {.corr = key});
  // A flatten cut short by the restart goes on.
  if (flattening()) close_all(state_.risk.flatten_reason);
}

void trading_engine::submit(const std::string& key, const order_record& o) {
  publish(
      ev::order_submitted{
          key, ev::order_type::limit,
          o.purpose == ev::purpose::exit
              ? exit_step_price(config_.ladder, o.side, o.ref_price_paise, o.tick_paise, 0)
              : step_price(config_.ladder, o.side, o.ref_price_paise, o.tick_paise, 0),
          0, o.qty, 1},
      {.corr = key});
}

}  // namespace strike::core::trading
