#include "daemon/report/report_data.hpp"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <cstdio>

#include "core/ist.hpp"
#include "events/enums.hpp"

namespace strike::daemon::report {

namespace ev = strike::events;

namespace {

// The open, the exit trigger and the close of one position all carry its entry order as corr;
// a journal without it pairs them by instrument, which holds one position at a time.
std::string trade_id(const ev::event& e, const std::string& instrument) {
  return e.env.corr.empty() ? "instrument:" + instrument : e.env.corr;
}

// The session an event belongs to: the last SessionOpened's, else its IST date.
std::string session_of_ts(const std::string& session, std::int64_t ts) {
  return session.empty() ? core::format_date(core::ist_date(ts)) : session;
}

std::string number(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f", v);
  return buf;
}

}  // namespace

report_builder::report_builder(std::int64_t capital_paise, std::string index, std::string vix)
    : index_(std::move(index)), vix_(std::move(vix)), stats_(capital_paise) {
  assert(capital_paise > 0);
  data_.capital_paise = capital_paise;
}

void report_builder::add(const ev::event& e) {
  stats_.add(e);
  run_header& h = data_.header;
  if (h.first_ts == 0) h.first_ts = e.env.ts;
  h.last_ts = e.env.ts;
  if (const auto* d = std::get_if<ev::daemon_started>(&e.body)) {
    h.strategy = d->strategy;
    h.mode = d->mode;
    h.version = d->version;
  } else if (const auto* c = std::get_if<ev::config_loaded>(&e.body)) {
    h.config_path = c->path;
    h.config_sha256 = c->sha256;
  } else if (const auto* o = std::get_if<ev::session_opened>(&e.body)) {
    if (h.first_session.empty()) h.first_session = o->date;
    h.last_session = o->date;
    session_ = o->date;
  } else if (const auto* s = std::get_if<ev::daemon_stopped>(&e.body)) {
    h.uptime_ns = s->uptime_ns;
  } else if (const auto* b = std::get_if<ev::bar_closed>(&e.body)) {
    on_bar(e, *b);
  } else {
    on_trading(e);
    on_breaker(e);
  }
}

void report_builder::on_bar(const ev::event& e, const ev::bar_closed& b) {
  // Only the finest timeframe is drawn, so only it is kept: a journal of every instrument's bars
  // over months would otherwise hold each of them several times over.
  finest_bars& f = bars_[b.instrument];
  const int timeframe = static_cast<int>(b.timeframe);
  if (f.closes.empty() || timeframe < f.timeframe) {
    f.timeframe = timeframe;
    f.closes.clear();
  } else if (timeframe > f.timeframe) {
    return;
  }
  // A bar is drawn at its close, the moment its close price was the price.
  f.closes.push_back({e.env.ts, b.close_paise});
}

void report_builder::on_trading(const ev::event& e) {
  if (const auto* o = std::get_if<ev::position_opened>(&e.body)) {
    trade_row& t = open_[trade_id(e, o->instrument)];
    t = trade_row{};
    t.open_seq = e.env.seq;
    t.entry_ns = e.env.ts;
    t.instrument = o->instrument;
    t.symbol = o->symbol;
    t.session = session_of_ts(session_, e.env.ts);
  } else if (const auto* x = std::get_if<ev::position_exit_triggered>(&e.body)) {
    // The first trigger is the cause.
    exit_why_.emplace(trade_id(e, x->instrument),
                      exit_trigger{x->reason, e.env.ts, x->price_paise});
  } else if (const auto* c = std::get_if<ev::position_closed>(&e.body)) {
    const std::string id = trade_id(e, c->instrument);
    trade_row t;
    if (auto it = open_.find(id); it != open_.end()) {
      t = std::move(it->second);
      open_.erase(it);
    }
    if (auto it = exit_why_.find(id); it != exit_why_.end()) {
      t.exit_reason = std::move(it->second.reason);
      t.trigger_ns = it->second.ts;
      t.trigger_paise = it->second.price_paise;
      exit_why_.erase(it);
    }
    if (t.session.empty()) t.session = session_of_ts(session_, e.env.ts);
    t.close_seq = e.env.seq;
    t.exit_ns = e.env.ts;
    t.instrument = c->instrument;
    t.qty = c->qty;
    t.entry_avg_paise = c->entry_avg_paise;
    t.exit_avg_paise = c->exit_avg_paise;
    t.gross_pnl_paise = c->gross_pnl_paise;
    t.charges_paise = c->charges_paise;
    t.net_pnl_paise = c->net_pnl_paise;
    data_.trades.push_back(std::move(t));
    equity_ += c->net_pnl_paise;
    data_.equity.push_back({e.env.ts, equity_});
  }
}

void report_builder::on_breaker(const ev::event& e) {
  std::string detail;
  if (const auto* t = std::get_if<ev::vix_breaker_tripped>(&e.body)) {
    vix_seen_.push_back({e.env.ts, std::llround(t->vix * 100)});
    detail = "VIX " + number(t->vix) + " crossed the " + t->trigger + " threshold " +
             number(t->threshold) + " (change " + number(t->change_pct) + " %)";
  } else if (const auto* r = std::get_if<ev::vix_breaker_reset>(&e.body)) {
    vix_seen_.push_back({e.env.ts, std::llround(r->vix * 100)});
    detail = "VIX " + number(r->vix) + ", calm for " +
             number(static_cast<double>(r->calm_ns) / 60e9) + " min";
  } else if (const auto* h = std::get_if<ev::trading_halted>(&e.body))
    detail = h->reason + " (" + h->scope + (h->flatten ? ", flatten" : "") + ")" +
             (h->detail.empty() ? "" : ": " + h->detail);
  else if (const auto* u = std::get_if<ev::trading_resumed>(&e.body))
    detail = u->reason;
  else if (const auto* b = std::get_if<ev::broker_breaker_changed>(&e.body))
    detail = b->group + " " + std::string(ev::to_string(b->state)) + " after " +
             std::to_string(b->failures) + " failures";
  else
    return;
  data_.timeline.push_back({e.env.seq, e.env.ts, std::string(e.type_name()), std::move(detail)});
}

report_data report_builder::result() const {
  report_data r = data_;
  r.stats = stats_.result();
  r.daily_net = stats_.daily_net();
  for (const auto& [instrument, finest_of] : bars_) {
    const std::vector<timed_value>& finest = finest_of.closes;
    if (instrument == index_)
      r.index = finest;
    else if (instrument == vix_)
      r.vix = finest;
    else
      r.bars.emplace(instrument, finest);
  }
  if (r.vix.empty()) {
    r.vix = vix_seen_;
  } else {
    r.vix.insert(r.vix.end(), vix_seen_.begin(), vix_seen_.end());
    std::stable_sort(r.vix.begin(), r.vix.end(),
                     [](const timed_value& a, const timed_value& b) { return a.ts < b.ts; });
  }
  return r;
}

}  // namespace strike::daemon::report
