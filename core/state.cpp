#include "core/state.hpp"

#include "core/mul_div.hpp"
#include "core/position_fold.hpp"

#include <algorithm>
#include <type_traits>

namespace strike::core {
namespace {

namespace ev = strike::events;

// Each overload folds one event type; types without an overload change only the counters.
struct folder {
  state& s;
  const ev::envelope& env;
  last_order::entry* touched = nullptr;  // the order this event is about, if any

  order_record* order(const std::string& key) {
    if (auto* e = s.found.get(); e && e->first == key) return &(touched = e)->second;
    auto it = s.orders.find(key);
    if (it == s.orders.end()) return nullptr;
    s.found.set(touched = &*it);
    return &it->second;
  }
  void touch(order_record& o) { o.updated_ns = env.ts; }

  void operator()(const ev::daemon_started& e) {
    auto& l = s.lifecycle;
    if (l.running) ++l.unclean_restarts;
    l.running = true;
    l.shutting_down = false;
    l.self_test_passed = false;
    l.reconciled = false;
    ++l.starts;
    l.started_ns = env.ts;
    l.version = e.version;
    l.mode = e.mode;
    l.strategy = e.strategy;
  }
  void operator()(const ev::config_loaded& e) { s.lifecycle.config_sha256 = e.sha256; }
  void operator()(const ev::journal_repaired&) { ++s.lifecycle.journal_repairs; }

  void operator()(const ev::session_pre_open& e) {
    s.session.date = e.date;
    s.session.phase = "pre_open";
    s.lifecycle.self_test_passed = false;  // every session is earned anew
  }
  void operator()(const ev::session_opened& e) {
    if (s.session.date != e.date) s.session.eod_exit_done = false;
    s.session.date = e.date;
    s.session.phase = "open";
    s.session.expiry = e.expiry;
    s.session.days_to_expiry = e.days_to_expiry;
    if (s.today.date != e.date) {
      s.today = day_tally{e.date};
      s.instances_today.clear();
    }
    // Old keys and finished orders are forgotten here, deterministically, so state stays bounded.
    const std::int64_t horizon = env.ts - idempotency_keys::retention_ns;
    s.keys.forget_before(horizon);
    // Room for as many keys again as the retention holds (a day adds a few of a week's), made
    // at the open rather than by an insert that doubles the buffers under a decision.
    s.keys.reserve(std::max<std::size_t>(2 * s.keys.size(), 4096));
    s.found.set(nullptr);
    std::erase_if(s.orders, [horizon](const auto& entry) {
      return is_terminal(entry.second.status) && entry.second.updated_ns < horizon;
    });
  }
  void operator()(const ev::entry_window_changed& e) { s.session.entry_window_open = e.open; }
  void operator()(const ev::end_of_day_exit&) {
    s.session.eod_exit_done = true;
    s.session.entry_window_open = false;
    start_flatten("end_of_day");
  }
  void operator()(const ev::session_closed&) {
    s.session.phase = "closed";
    s.session.entry_window_open = false;
  }

  void operator()(const ev::authenticated& e) {
    auto& a = s.auth[e.broker];
    a.authenticated = true;
    a.method = e.method;
    a.expires_at_ns = e.expires_at_ns;
    a.failures = 0;
    a.last_error.clear();
  }
  void operator()(const ev::auth_failed& e) {
    auto& a = s.auth[e.broker];
    a.authenticated = false;
    ++a.failures;
    a.last_error = e.code.empty() ? e.message : e.code + ": " + e.message;
  }
  void operator()(const ev::logged_out& e) {
    auto& a = s.auth[e.broker];
    a.authenticated = false;
    a.expires_at_ns = 0;
  }
  void operator()(const ev::self_test_completed& e) { s.lifecycle.self_test_passed = e.passed; }

  void operator()(const ev::feed_connected& e) {
    auto& f = s.feeds[e.feed];
    f.connected = true;
    f.stale = false;
    f.reconnects = e.reconnects;
    f.changed_ns = env.ts;
  }
  void operator()(const ev::feed_disconnected& e) {
    auto& f = s.feeds[e.feed];
    f.connected = false;
    f.changed_ns = env.ts;
  }
  void operator()(const ev::feed_stale& e) {
    auto& f = s.feeds[e.feed];
    f.stale = true;
    f.changed_ns = env.ts;
  }

  void operator()(const ev::vix_breaker_tripped& e) {
    s.risk.vix_tripped = true;
    s.risk.vix_at_trip = e.vix;
    start_flatten("vix");
  }
  // The first trigger names the flatten; later ones join it.
  void start_flatten(const std::string& reason) {
    if (s.risk.flattening()) return;
    s.risk.flatten_reason = reason;
    s.risk.flatten_started_ns = env.ts;
  }
  void operator()(const ev::flatten_completed&) {
    s.risk.flatten_reason.clear();
    s.risk.flatten_started_ns = 0;
  }
  void operator()(const ev::vix_breaker_reset&) { s.risk.vix_tripped = false; }
  // An instance's halt stops that instance only: the engine exits its positions itself, and
  // the account's flatten and halt flags stay as they are.
  void operator()(const ev::trading_halted& e) {
    if (!e.strategy.empty()) {
      s.risk.halts[e.reason + "@" + e.strategy] =
          halt_record{e.scope, e.detail, env.seq, e.strategy};
      return;
    }
    s.risk.halts[e.reason] = halt_record{e.scope, e.detail, env.seq};
    show_latest_halt();
    if (e.flatten) start_flatten(e.reason);
  }
  // "new_session" lifts the day's halts; a halt's own reason lifts that halt; any other reason
  // (an operator's resume) lifts them all.
  void operator()(const ev::trading_resumed& e) {
    auto& halts = s.risk.halts;
    if (e.reason == "new_session")
      std::erase_if(halts, [](const auto& h) { return h.second.scope == "day"; });
    else if (halts.count(e.reason))
      halts.erase(e.reason);
    else
      halts.clear();
    show_latest_halt();
  }
  void show_latest_halt() {
    auto& r = s.risk;
    const std::pair<const std::string, halt_record>* latest = nullptr;
    for (const auto& h : r.halts)
      if (h.second.strategy.empty() && (!latest || h.second.seq > latest->second.seq)) latest = &h;
    r.halted = latest != nullptr;
    r.halt_reason = latest ? latest->first : "";
    r.halt_scope = latest ? latest->second.scope : "";
    r.halt_detail = latest ? latest->second.detail : "";
  }
  void operator()(const ev::broker_breaker_changed& e) { s.risk.breakers[e.group] = e.state; }

  void operator()(const ev::order_intent& e) {
    auto [it, inserted] = s.orders.try_emplace(e.order);
    s.found.set(touched = &*it);
    if (!inserted) return;  // the bus drops repeated intents by key; a replayed one is a no-op
    auto& o = it->second;
    o.strategy = e.strategy;
    o.instrument = e.instrument;
    o.symbol = e.symbol;
    o.side = e.side;
    o.purpose = e.purpose;
    o.reason = e.reason;
    o.qty = e.qty;
    o.ref_price_paise = e.ref_price_paise;
    o.tick_paise = e.tick_paise;
    o.lot_size = e.lot_size;
    o.created_ns = o.updated_ns = env.ts;
    position_fold{s, env}.intent(e);
  }
  void operator()(const ev::risk_approved& e) {
    if (auto* o = order(e.order); o && o->status == order_status::intended) {
      o->status = order_status::approved;
      o->qty = e.qty;
      touch(*o);
    }
  }
  void operator()(const ev::risk_rejected& e) {
    if (auto* o = order(e.order); o && !is_terminal(o->status)) {
      o->status = order_status::risk_rejected;
      o->last_reason = e.check + ": " + e.reason;
      touch(*o);
    }
  }
  void operator()(const ev::order_submitted& e) {
    if (auto* o = order(e.order); o && !is_terminal(o->status)) {
      o->status = order_status::submitted;
      o->order_type = e.order_type;
      o->price_paise = e.price_paise;
      o->trigger_paise = e.trigger_paise;
      o->attempts = e.attempt;
      o->ladder_step = 0;
      o->step_ns = env.ts;
      touch(*o);
    }
  }
  void operator()(const ev::order_outcome_unknown& e) {
    if (auto* o = order(e.order); o && !is_terminal(o->status)) {
      // An unknown place must be resolved by looking the tag up; an unknown modify or cancel
      // leaves the order as it was, with nothing pending.
      // A modify or cancel that failed restarts its step's wait: the books are read before the
      // ladder tries again (a refusal is usually "it is complete").
      if (e.operation == "place")
        o->status = order_status::unknown;
      else
        o->pending = order_pending::none;
      if (e.operation != "place") {
        o->step_ns = env.ts;
        ++o->refusals;
      }
      o->last_reason = e.operation + ": " + e.reason;
      touch(*o);
    }
  }
  void operator()(const ev::order_accepted& e) {
    if (auto* o = order(e.order); o && !is_terminal(o->status)) {
      if (o->filled_qty == 0) o->status = order_status::accepted;
      o->broker_id = e.broker_id;
      touch(*o);
    }
  }
  void operator()(const ev::order_rejected& e) {
    if (auto* o = order(e.order); o && !is_terminal(o->status)) {
      o->status = order_status::rejected;
      o->pending = order_pending::none;
      o->last_reason = e.code.empty() ? e.reason : e.code + ": " + e.reason;
      touch(*o);
    }
  }
  void operator()(const ev::order_modify_requested& e) {
    if (auto* o = order(e.order); o && !is_terminal(o->status)) {
      o->pending = order_pending::modify;
      o->pending_type = e.order_type;
      o->pending_price_paise = e.price_paise;
      o->pending_trigger_paise = e.trigger_paise;
      o->pending_qty = e.qty;
      if (e.step > 0) o->ladder_step = e.step;
      o->step_ns = env.ts;
      touch(*o);
    }
  }
  void operator()(const ev::order_modified& e) {
    if (auto* o = order(e.order); o && !is_terminal(o->status)) {
      o->pending = order_pending::none;
      o->order_type = e.order_type;
      o->price_paise = e.price_paise;
      o->trigger_paise = e.trigger_paise;
      o->qty = e.qty;
      o->refusals = 0;
      touch(*o);
    }
  }
  void operator()(const ev::order_cancel_requested& e) {
    if (auto* o = order(e.order); o && !is_terminal(o->status)) {
      o->pending = order_pending::cancel;
      o->last_reason = e.reason;
      if (o->cancel_reason.empty()) o->cancel_reason = e.reason;
      touch(*o);
    }
  }
  void operator()(const ev::order_cancelled& e) {
    finish(e.order, order_status::cancelled, e.reason);
  }
  void operator()(const ev::order_expired& e) { finish(e.order, order_status::expired, "expired"); }

  void finish(const std::string& key, order_status status, const std::string& reason) {
    if (auto* o = order(key); o && !is_terminal(o->status)) {
      o->status = status;
      o->pending = order_pending::none;
      o->last_reason = reason;
      touch(*o);
    }
  }

  void operator()(const ev::order_filled& e) {
    auto* o = order(e.order);
    if (!o) return;
    o->filled_qty = sat_add(o->filled_qty, e.qty);
    o->filled_value_paise = sat_add(o->filled_value_paise, sat_mul(e.qty, e.price_paise));
    o->charges_paise = sat_add(o->charges_paise, e.charges_paise);
    // A fill reported after the order ended (cancelled, rejected, expired) still moves the
    // position, but does not bring the order back to life.
    if (!is_terminal(o->status) || o->status == order_status::filled) {
      o->status = o->filled_qty >= o->qty ? order_status::filled : order_status::partially_filled;
      if (o->status == order_status::filled) o->pending = order_pending::none;
    }
    touch(*o);
    position_fold{s, env}.fill(*o, e);
  }

  void operator()(const ev::position_opened& e) { position_fold{s, env}(e); }
  void operator()(const ev::stop_adjusted& e) { position_fold{s, env}(e); }
  void operator()(const ev::position_exit_triggered& e) { position_fold{s, env}(e); }
  void operator()(const ev::position_closed& e) { position_fold{s, env}(e); }
  void operator()(const ev::reconciliation_discrepancy& e) { position_fold{s, env}(e); }
  void operator()(const ev::reconciliation_completed&) { s.lifecycle.reconciled = true; }
  void operator()(const ev::shutdown_requested&) {
    s.lifecycle.shutting_down = true;
    start_flatten("shutdown");
  }
  void operator()(const ev::daemon_stopped& e) {
    s.lifecycle.running = false;
    s.lifecycle.shutting_down = false;
    if (e.clean) ++s.lifecycle.clean_stops;
  }

  template <class T>
  void operator()(const T&) {}
};

}  // namespace

bool is_terminal(order_status s) {
  return s == order_status::risk_rejected || s == order_status::filled ||
         s == order_status::cancelled || s == order_status::rejected || s == order_status::expired;
}

void apply(state& s, const events::event& e) {
  s.last_seq = e.env.seq;
  s.last_ts = e.env.ts;
  ++s.counts[e.type_index()];
  if (!e.env.key.empty()) s.keys.insert(e.env.key, e.env.ts);
  folder f{s, e.env};
  std::visit(f, e.body);
  if (!f.touched) return;
  const auto& [key, o] = *f.touched;
  if (!is_terminal(o.status)) {
    s.open_orders.insert(key);
  } else if (auto it = s.open_orders.find(key); it != s.open_orders.end()) {
    s.open_orders.erase(it);
  }
}

bool has_open_orders(const state& s) {
  return !s.open_orders.empty();
}

void index_open_orders(state& s) {
  s.open_orders.clear();
  for (const auto& [key, o] : s.orders)
    if (!is_terminal(o.status)) s.open_orders.insert(s.open_orders.end(), key);
}

}  // namespace strike::core
