#include "core/trading/trading_engine.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "core/ist.hpp"
#include "core/positions.hpp"
#include "core/trading/instance_limits.hpp"
#include "core/trading/ladder.hpp"
#include "core/trading/order_key.hpp"

namespace strike::core::trading {

namespace ev = strike::events;

trading_engine::trading_engine(bus& b, const state& s, const clock& c, trading_config config)
    : bus_(b), state_(s), clock_(c), config_(std::move(config)), vix_breaker_(config_.vix) {}

std::int64_t trading_engine::publish(ev::payload body, publish_options options) {
  auto seq = bus_.publish(std::move(body), std::move(options));
  return seq ? *seq : 0;  // a refused append is the daemon's to handle (the journal failed)
}

double trading_engine::vix() const {
  const quote* q = market_.find(config_.vix_instrument);
  return q ? static_cast<double>(q->ltp) / 100.0 : std::numeric_limits<double>::quiet_NaN();
}

std::int64_t trading_engine::default_funds() const {
  std::int64_t open_cost = 0;
  for (const auto& [key, p] : state_.positions)
    open_cost += std::max<std::int64_t>(p.cost_paise, 0);
  return config_.risk.capital_paise + state_.today.realized_pnl_paise - open_cost;
}

std::int64_t trading_engine::days_to_expiry(const entry_intent& in) const {
  const auto expiry = parse_date(in.expiry);
  const auto today = parse_date(state_.session.date);
  if (!expiry || !today) return state_.session.days_to_expiry;
  return std::max<std::int64_t>(days_from_civil(*expiry) - days_from_civil(*today), 0);
}

entry_check trading_engine::entry_check_for(const std::string& instrument, std::int64_t lot_size,
                                            std::int64_t ref, ev::side side, std::int64_t dte,
                                            const quote* q) const {
  entry_check check{
      instrument,        lot_size, ref, side, vix(), dte, funds_ ? funds_() : default_funds(),
      unrealized_paise()};
  const std::int64_t now = clock_.now_ns();
  check.quote_age_ns = q ? now - q->ts_ns : 0;
  check.stale_mark = stale_mark(now);
  return check;
}

trading_engine::entry_terms trading_engine::terms_of(const entry_intent& in) const {
  entry_terms t;
  t.q = market_.find(in.instrument);
  t.ref = t.q ? reference_price(in.side, t.q->ltp, t.q->bid, t.q->ask) : 0;
  t.dte = days_to_expiry(in);
  t.qty = std::max<std::int64_t>(lots_for(config_.risk.sizing, vix(), t.dte), 1) * in.lot_size;
  return t;
}

std::string trading_engine::enter(const entry_intent& in) {
  const auto [q, ref, dte, qty] = terms_of(in);
  const std::string key = order_key(
      {in.strategy, in.instrument, in.side, qty, ev::purpose::entry, in.reason, in.basis});

  if (publish(ev::order_intent{key, in.strategy, in.instrument, in.symbol, in.side, qty,
                               ev::purpose::entry, in.reason, ref, in.tick_paise, in.lot_size},
              {.key = key, .cause = in.cause, .corr = key}) == 0)
    return {};  // this decision was journaled before
  last_entry_.assign(key);

  risk_verdict verdict =
      check_entry(config_.risk, config_.charges, state_,
                  entry_check_for(in.instrument, in.lot_size, ref, in.side, dte, q));
  if (verdict.approved) {
    const auto own = config_.instances.find(in.strategy);
    const std::int64_t cost =
        verdict.qty * ref +
        charges_for_fill(config_.charges, in.side, verdict.qty, ref, true).total();
    const risk_verdict mine =
        check_instance_entry(own == config_.instances.end() ? nullptr : &own->second, state_,
                             in.strategy, cost, unrealized_paise(in.strategy));
    if (!mine.approved) verdict = mine;
  }
  if (!verdict.approved) {
    publish(ev::risk_rejected{key, verdict.check, verdict.reason}, {.corr = key});
    return key;
  }
  // Above the freeze quantity the entry goes out as slices at once, the first under the
  // decision's key and each other under a key of its own (the decision's, with its number).
  const auto slices = slice_quantities(verdict.qty, slice_limit(in.symbol, in.lot_size));
  const std::int64_t price = step_price(config_.ladder, in.side, ref, in.tick_paise, 0);
  for (std::size_t i = 0; i < slices.size(); ++i) {
    std::string slice = key;
    if (i > 0) {
      slice = order_key({in.strategy, in.instrument, in.side, qty, ev::purpose::entry, in.reason,
                         in.basis + "#slice" + std::to_string(i + 1)});
      if (publish(ev::order_intent{slice, in.strategy, in.instrument, in.symbol, in.side, slices[i],
                                   ev::purpose::entry, in.reason, ref, in.tick_paise, in.lot_size},
                  {.key = slice, .cause = in.cause, .corr = key}) == 0)
        continue;
    }
    const std::int64_t slice_lots = in.lot_size > 0 ? slices[i] / in.lot_size : verdict.lots;
    publish(ev::risk_approved{slice, slice_lots, slices[i]}, {.corr = key});
    publish(ev::order_submitted{slice, ev::order_type::limit, price, 0, slices[i], 1},
            {.corr = key});
  }
  return key;
}

std::int64_t trading_engine::slice_limit(const std::string& symbol, std::int64_t lot_size) const {
  return max_slice_qty(freeze_qty_for(config_.freeze_qty, symbol), lot_size);
}

std::int64_t trading_engine::within_one_order(const position_record& p, std::int64_t qty) const {
  const std::int64_t limit = slice_limit(p.symbol, p.lot_size);
  return limit > 0 ? std::min(qty, limit) : qty;
}

void trading_engine::exit_position(const std::string& position, const std::string& reason) {
  if (!can_send() || !market_open()) return;
  auto it = state_.positions.find(position);
  if (it == state_.positions.end() || it->second.qty == 0) return;
  const position_record& p = it->second;
  const std::string instrument = p.instrument;
  // What is left of the instance's entry in this contract would only buy back what the exit
  // sells; another instance's entries in it are its own.
  cancel_working(ev::purpose::entry, instrument, p.strategy, reason);
  const order_record* last = nullptr;
  if (auto o = state_.orders.find(p.exit_order); o != state_.orders.end()) last = &o->second;
  if (last && !is_terminal(last->status)) return;  // already exiting
  if (last && exit_failed(*last)) {
    if (clock_.now_ns() < exit_retry_due(p, *last)) return;  // on_time sends it when due
    if (p.exit_attempts >= config_.max_exit_attempts)
      publish(ev::trading_halted{"exit_failed", "manual", false,
                                 std::to_string(p.exit_attempts) + " exit orders for " + position +
                                     " failed (last: " + last->last_reason +
                                     "); still exiting, every " +
                                     std::to_string(config_.exit_retry_max_ns / ns_per_s) +
                                     " s at most; a person should look"},
              {.key = "halt:exit_failed:" + p.id});
  }
  // Above the freeze quantity one slice at a time: its fill sends the next (on_fill), so no
  // more than the position is ever being sold.
  const auto [qty, attempt, side, ref] = exit_terms_of(p);
  if (qty == 0) {
    publish(
        ev::error_raised{"trading", "not_held",
                         "position " + position + ": the journal holds " + std::to_string(p.qty) +
                             " the broker does not; nothing is sent, a person must reconcile it"},
        {.key = "not_held:" + p.id});
    return;
  }
  if (p.exit_reason.empty())
    publish(ev::position_exit_triggered{instrument, reason, mark(p), qty, p.strategy},
            {.key = exit_trigger_key(p, attempt), .corr = p.entry_order});
  // The stop resting at the broker is resolved first: an exit sent while it can still fill could
  // sell the position twice.
  if (!stop_resolved(p)) return;
  const std::string why = p.exit_reason;
  const std::string key = exit_key(p, side, qty, why, attempt);
  if (publish(ev::order_intent{key, p.strategy, instrument, p.symbol, side, qty, ev::purpose::exit,
                               why, ref, p.tick_paise, p.lot_size},
              {.key = key, .corr = p.entry_order}) == 0)
    return;
  // Exits are never refused by risk: getting flat is always allowed.
  const auto type = crossing_ ? ev::order_type::market : ev::order_type::limit;
  const std::int64_t price =
      crossing_ ? 0 : exit_step_price(config_.ladder, side, ref, p.tick_paise, 0);
  publish(ev::order_submitted{key, type, price, 0, qty, 1}, {.corr = p.entry_order});
}

trading_engine::exit_terms trading_engine::exit_terms_of(const position_record& p) const {
  exit_terms t;
  t.qty = within_one_order(
      p, p.exit_cap >= 0 ? std::min(std::abs(p.qty), p.exit_cap) : std::abs(p.qty));
  t.attempt = std::to_string(p.exit_attempts + 1);
  t.side = p.qty > 0 ? ev::side::sell : ev::side::buy;
  const quote* q = market_.find(p.instrument);
  t.ref = q ? reference_price(t.side, q->ltp, q->bid, q->ask) : mark(p);
  return t;
}

std::string trading_engine::exit_trigger_key(const position_record& p, const std::string& attempt) {
  return "exit:" + p.id + "#" + attempt;
}

std::string trading_engine::exit_key(const position_record& p, ev::side side, std::int64_t qty,
                                     const std::string& why, const std::string& attempt) {
  // The key leaves the instance out, as it always has; the intent names it, for the record.
  return order_key({"", p.instrument, side, qty, ev::purpose::exit, why, p.id + "#" + attempt});
}

bool trading_engine::exit_failed(const order_record& exit) {
  return exit.status == order_status::rejected || exit.status == order_status::cancelled ||
         exit.status == order_status::expired;
}

std::int64_t trading_engine::exit_retry_due(const position_record& p,
                                            const order_record& last_exit) const {
  const std::int64_t doublings = std::clamp<std::int64_t>(p.exit_attempts - 1, 0, 30);
  const std::int64_t wait =
      std::min(config_.exit_retry_first_ns << doublings, config_.exit_retry_max_ns);
  return last_exit.updated_ns + wait;
}

std::int64_t trading_engine::cancel_working(ev::purpose purpose, const std::string& instrument,
                                            const std::string& instance,
                                            const std::string& reason) {
  // Listed first: each cancel's fold changes the open orders walked.
  const auto working = working_orders(purpose, instrument, instance);
  for (const auto& key : working) publish(ev::order_cancel_requested{key, reason}, {.corr = key});
  return static_cast<std::int64_t>(working.size());
}

std::vector<std::string> trading_engine::working_orders(ev::purpose purpose,
                                                        const std::string& instrument,
                                                        const std::string& instance) const {
  std::vector<std::string> working;
  for (const auto& [key, o] : open_orders_of(state_))
    if (o.purpose == purpose && (instrument.empty() || o.instrument == instrument) &&
        (instance.empty() || o.strategy == instance) && o.pending != order_pending::cancel &&
        o.status != order_status::intended)
      working.push_back(key);
  return working;
}

void trading_engine::close_all(const std::string& reason) {
  if (!can_send()) return;  // resume() carries the flatten on once the books are reconciled
  flatten_orders_ += cancel_working(ev::purpose::entry, "", "", reason);
  std::vector<std::string> open;
  for (const auto& [key, p] : state_.positions)
    if (p.qty != 0) open.push_back(key);
  for (const auto& key : open) {
    const auto& p = state_.positions.at(key);
    const bool was_exiting = !p.exit_reason.empty();
    exit_position(key, reason);
    if (!was_exiting) ++flatten_positions_;
  }
  check_flatten_done();
}

void trading_engine::cross_exits() {
  crossing_ = true;
  std::vector<std::string> limits;
  for (const auto& [key, o] : open_orders_of(state_)) {
    if (o.purpose != ev::purpose::exit || o.order_type == ev::order_type::market) continue;
    if (o.status != order_status::accepted && o.status != order_status::partially_filled) continue;
    if (o.pending == order_pending::modify && o.pending_type == ev::order_type::market) continue;
    limits.push_back(key);
  }
  for (const auto& key : limits) {
    const order_record& o = state_.orders.at(key);
    publish(ev::order_modify_requested{key, o.ladder_step + 1, ev::order_type::market, 0, o.qty},
            {.corr = key});
  }
}

void trading_engine::cancel_all_orders(const std::string& reason) {
  if (!can_send()) return;
  std::vector<std::string> working;
  for (const auto& [key, o] : open_orders_of(state_)) {
    if (o.pending == order_pending::cancel || o.status == order_status::intended) continue;
    // A protective stop stays for a position left open: it is what protects it from now on.
    if (const position_record* p = find_position(state_, o.instrument, o.strategy);
        o.purpose == ev::purpose::stop && p && p->qty != 0)
      continue;
    working.push_back(key);
  }
  for (const auto& key : working) publish(ev::order_cancel_requested{key, reason}, {.corr = key});
}

void trading_engine::check_flatten_done() {
  if (!flattening()) return;
  for (const auto& [key, p] : state_.positions)
    if (p.qty != 0) return;
  if (has_open_orders(state_)) return;
  publish(ev::flatten_completed{state_.risk.flatten_reason, flatten_positions_, flatten_orders_,
                                true, clock_.now_ns() - state_.risk.flatten_started_ns});
  flatten_positions_ = 0;
  flatten_orders_ = 0;
}

void trading_engine::kill_switch(const std::string& source) {
  if (state_.risk.halted_for("kill_switch")) return;
  publish(ev::trading_halted{"kill_switch", "manual", true, "engaged by " + source});
  close_all("kill_switch");
}

void trading_engine::halt_entries(const std::string& reason, const std::string& detail) {
  if (!state_.risk.halted_for(reason)) publish(ev::trading_halted{reason, "manual", false, detail});
}

void trading_engine::lift_halt(std::string_view halt_reason) {
  if (state_.risk.halted_for(halt_reason)) publish(ev::trading_resumed{std::string(halt_reason)});
}

void trading_engine::resume_trading(const std::string& reason) {
  if (state_.risk.halted) publish(ev::trading_resumed{reason});
}

std::int64_t trading_engine::mark(const position_record& p) const {
  return valued(p).mark_paise;
}

position_mark trading_engine::valued(const position_record& p) const {
  // What the position could be closed at: the bid for a long, the ask for a short, else the
  // last price; with no quote at all, its cost.
  position_mark m;
  if (const quote* q = market_.find(p.instrument); q && q->ltp > 0) {
    const std::int64_t touch = p.qty > 0 ? q->bid : q->ask;
    m.mark_paise = touch > 0 ? touch : q->ltp;
    m.mark_ns = q->ts_ns;
  } else {
    m.mark_paise = p.qty != 0 ? p.cost_paise / p.qty : 0;
  }
  m.unrealized_paise = p.qty * m.mark_paise - p.cost_paise;
  return m;
}

std::string trading_engine::stale_mark(std::int64_t now_ns) const {
  for (const auto& [key, p] : state_.positions) {
    if (p.qty == 0) continue;
    const quote* q = market_.find(p.instrument);
    if (!q) return p.instrument + " has no quote yet";
    if (now_ns - q->ts_ns > config_.risk.max_quote_age_ns)
      return p.instrument + " was last quoted " + std::to_string((now_ns - q->ts_ns) / ns_per_s) +
             " s ago";
  }
  return {};
}

std::int64_t trading_engine::unrealized_paise() const {
  std::int64_t total = 0;
  for (const auto& [key, p] : state_.positions)
    if (p.qty != 0) total += valued(p).unrealized_paise;
  return total;
}

std::int64_t trading_engine::unrealized_paise(std::string_view instance) const {
  std::int64_t total = 0;
  for (const auto& [key, p] : state_.positions)
    if (p.qty != 0 && p.strategy == instance) total += valued(p).unrealized_paise;
  return total;
}

std::map<std::string, position_mark> trading_engine::position_marks() const {
  std::map<std::string, position_mark> out;
  for (const auto& [key, p] : state_.positions)
    if (p.qty != 0) out.emplace(key, valued(p));
  return out;
}

}  // namespace strike::core::trading
