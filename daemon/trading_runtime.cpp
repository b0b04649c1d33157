#include "daemon/trading_runtime.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <filesystem>

#include "base/json_writer.hpp"
#include "brokers/paper/paper_broker.hpp"
#include "core/engine/session_engine.hpp"
#include "core/ist.hpp"
#include "core/trading/trading_engine.hpp"
#include "daemon/broker_candles.hpp"
#include "daemon/broker_link.hpp"
#include "daemon/clock_timer.hpp"
#include "daemon/option_band.hpp"
#include "daemon/order_executor.hpp"
#include "daemon/reconcile_schedule.hpp"
#include "daemon/self_test_schedule.hpp"
#include "daemon/strategy_instances.hpp"
#include "storage/bar_files.hpp"
#include "storage/bar_store.hpp"

namespace strike::daemon {

namespace ev = strike::events;
namespace asio = boost::asio;

trading_runtime::trading_runtime(asio::io_context& io, const config& cfg, core::bus& bus,
                                 const core::state& state, storage::journal& journal,
                                 const core::clock& clock, metrics& m)
    : io_(io),
      cfg_(cfg),
      bus_(bus),
      state_(state),
      journal_(journal),
      clock_(clock),
      metrics_(m),
      operator_files_(cfg.daemon.state_dir) {}

trading_runtime::~trading_runtime() {
  stop();
}

void trading_runtime::publish(ev::payload p, core::publish_options o) {
  (void)bus_.publish(std::move(p), std::move(o));
}

status trading_runtime::create() {
  const auto& t = cfg_.trading;
  auto sink = [this](ev::payload p) {
    if (const auto* c = std::get_if<ev::feed_connected>(&p))
      metrics_.reconnects[c->feed] = c->reconnects;
    publish(std::move(p));
  };

  // The strategies first: a bad parameter should stop the start before any network I/O.
  auto made = make_strategy_instances(cfg_.runtime);
  if (!made) return made.error();
  strategies_ = std::move(made->strategies);
  underlyings_ = traded_underlyings(cfg_.runtime, made->instances);

  // The broker: Angel One (or the simulator) for everything; paper fills in paper mode.
  auto link = broker_link::create(
      io_, cfg_, clock_, [this] { return state_.session.phase == "open"; }, sink);
  if (!link) return link.error();
  broker_ = std::move(*link);
  broker_->market_feed().on_tick(
      [this](const brokers::market_tick& tick) { on_market_tick(tick); });

  candles_ = std::make_unique<broker_candles>(io_, broker_->market());
  core::engine::session_engine_options engine_options;
  engine_options.bars.grid = core::market::bar_grid(9 * 60 + 15, 15 * 60 + 30);
  engine_options.journal_bars = cfg_.market.journal_bars;
  engine_options.record_minutes = cfg_.market.record_quoted_bars;
  engine_options.rehearse = true;
  auto trading = t.trading;
  // The quote-age limit is in real time: on a scaled clock market seconds pass `speed` times
  // faster than a feed can deliver, so the limit in market time grows with the speed.
  trading.risk.max_quote_age_ns = static_cast<std::int64_t>(
      static_cast<double>(trading.risk.max_quote_age_ns) * std::max(1.0, cfg_.runtime.clock.speed));
  session_ = std::make_unique<core::engine::session_engine>(bus_, state_, clock_, trading,
                                                            std::move(made->instances), *candles_,
                                                            std::move(engine_options));
  engine_ = &session_->trading();
  session_->attach();
  executor_ = std::make_unique<order_executor>(
      io_, bus_, state_, journal_, broker_->orders(),
      executor_config{t.trading.charges, t.product, t.order_poll,
                      [this](std::int64_t ns) { metrics_.order_round_trip.observe_ns(ns); },
                      [this](std::int64_t ns) { metrics_.order_journal_wait.observe_ns(ns); }});
  executor_->attach();
  const auto& r = cfg_.runtime.reconcile;
  reconciliations_ = std::make_unique<reconcile_schedule>(
      io_, bus_, state_, clock_, broker_->orders(), broker_->time(), *executor_,
      reconcile_schedule_config{r.unknown_positions, r.interval_ns, r.settle_ns,
                                cfg_.session.eod_exit},
      [this](const std::string& key) { engine_->exit_position(key, "reconcile"); });
  reconciliations_->attach();
  if (auto* paper = broker_->paper()) {
    paper->on_fill([this](const brokers::paper::paper_fill& f) {
      executor_->apply_update(f.order, f.trade, "paper");
    });
    // Paper cash is the paper account's; live cash is the broker's (read at the self-test).
  }
  if (auto* orders = broker_->order_feed())
    orders->on_update(
        [this](const brokers::order_info& o, const std::optional<brokers::trade_info>& f) {
          executor_->apply_update(o, f, "stream");
        });

  // Storage observes closed bars: the ring store for the status pages, the day's bar files for
  // backtests and audits.
  bar_store_ =
      std::make_unique<storage::bar_store>(static_cast<std::size_t>(cfg_.market.bar_capacity));
  bar_files_ = std::make_unique<storage::bar_file_writer>(cfg_.daemon.state_dir / "bars");
  session_->observe_bars(
      [this](const std::string& instrument, ev::timeframe tf, const core::market::bar& b) {
        bar_store_->append(instrument, tf, b);
        // A failing disk fails every bar: one warning, then a count, not a log line a bar.
        if (auto s = bar_files_->append(instrument, tf, b); !s) {
          if (bar_file_failures_++ == 0)
            SPDLOG_WARN("bar file: {}; further failures are counted until one succeeds",
                        s.error().message);
        } else if (bar_file_failures_ > 0) {
          SPDLOG_INFO("bar files written again after {} bars failed", bar_file_failures_);
          bar_file_failures_ = 0;
        }
      });
  market_timer_ = std::make_unique<clock_timer>(io_, clock_);

  bus_.subscribe<ev::order_intent>(
      "runtime.decision",
      [this](const ev::event&, const ev::order_intent&) { observe_decision(); });
  bus_.subscribe<ev::session_pre_open>("runtime.preopen",
                                       [this](const ev::event&, const ev::session_pre_open&) {
                                         asio::co_spawn(io_, prepare_session(), asio::detached);
                                       });
  self_tests_ = std::make_unique<self_test_schedule>(io_, cfg_, bus_, state_, *broker_, last_tick_);
  self_tests_->attach();
  return {};
}

void trading_runtime::start() {
  asio::co_spawn(io_, startup(), [this](std::exception_ptr e) {
    if (!e) return;
    try {
      std::rethrow_exception(e);
    } catch (const std::exception& ex) {
      publish(ev::error_raised{"runtime", "startup_failed", ex.what()});
      SPDLOG_ERROR("start-up failed: {}", ex.what());
    }
  });
}

void trading_runtime::on_market_tick(const brokers::market_tick& t) {
  metrics_.ticks++;
  if (before_market_) before_market_();
  const std::int64_t now = clock_.now_ns();
  last_tick_ = {now, t.exchange_ns};
  std::string instrument;
  instrument.reserve(t.exchange.size() + 1 + t.token.size());
  instrument.append(t.exchange).append(":").append(t.token);
  const core::trading::quote q{now, t.ltp, t.bids[0].price_paise, t.asks[0].price_paise};
  update_started_ = std::chrono::steady_clock::now();
  self_tests_->on_tick();

  // Paper fills happen at the simulated exchange as the market moves, before the engine sees
  // the same print.
  if (auto* paper = broker_->paper()) paper->on_quote(instrument, q);
  session_->on_tick(instrument, {t.exchange_ns, t.ltp, t.volume, t.oi}, q);
  update_started_.reset();
  for (const auto& u : underlyings_)
    if (instrument == u.index) refresh_option_band(u.index);
  check_flatten_done();
}

void trading_runtime::schedule_market_timer() {
  if (stopped_) return;
  // Every market second: bars close on time, the ladder steps on time.
  market_timer_->async_wait_until(clock_.now_ns() + core::ns_per_s,
                                  [this](boost::system::error_code ec) {
                                    if (ec || stopped_) return;
                                    on_market_time();
                                    schedule_market_timer();
                                  });
}

void trading_runtime::on_market_time() {
  if (before_market_) before_market_();
  const std::int64_t now = clock_.now_ns();
  update_started_ = std::chrono::steady_clock::now();
  session_->on_time(now);
  update_started_.reset();
  check_flatten_done();
}

void trading_runtime::observe_decision() {
  // The first order intent of a market update (a tick, or bars closed by the clock): from the
  // update's arrival to the intent's publication, as its first subscriber sees it. What the
  // update does after it (risk, the order's submission, other bars) is not the decision's.
  if (!update_started_) return;
  metrics_.tick_to_intent.observe_ns(std::chrono::duration_cast<std::chrono::nanoseconds>(
                                         std::chrono::steady_clock::now() - *update_started_)
                                         .count());
  update_started_.reset();
}

void trading_runtime::on_heartbeat() {
  if (!started_ || stopped_) return;
  operator_files_.check(state_, *engine_);
  self_tests_->on_heartbeat();
}

void trading_runtime::engage_kill_switch(const std::string& source) {
  operator_files_.engage_kill_switch(source, engine_);
}

void trading_runtime::flatten(const std::string& reason, std::function<void(bool)> done) {
  flatten_done_ = std::move(done);
  if (!engine_) {
    auto d = std::move(flatten_done_);
    d(true);
    return;
  }
  engine_->close_all(reason);
  check_flatten_done();
}

void trading_runtime::check_flatten_done() {
  if (!flatten_done_ || !engine_ || engine_->flattening()) return;
  auto done = std::move(flatten_done_);
  flatten_done_ = nullptr;
  done(true);
}

void trading_runtime::cross_now() {
  if (engine_) engine_->cross_exits();
}

void trading_runtime::cancel_working(const std::string& reason) {
  if (engine_) engine_->cancel_all_orders(reason);
}

void trading_runtime::stop() {
  if (stopped_) return;
  stopped_ = true;
  if (market_timer_) market_timer_->cancel();
  if (reconciliations_) reconciliations_->stop();
  if (executor_) executor_->stop();
  if (broker_) broker_->stop();
  if (bar_files_) (void)bar_files_->close();
}

void trading_runtime::on_disk_space(bool low, const std::string& detail) {
  if (!engine_) return;
  if (low)
    engine_->halt_entries(disk_space_halt, detail);
  else
    engine_->lift_halt(disk_space_halt);
}

bool trading_runtime::healthy() const {
  if (!started_ || stopped_) return false;
  if (state_.session.phase != "open") return true;
  const auto feed = state_.feeds.find("market");
  return state_.lifecycle.self_test_passed && (feed == state_.feeds.end() || !feed->second.stale);
}

bool trading_runtime::ready() const {
  return started_ && state_.lifecycle.self_test_passed && !stopped_;
}

std::int64_t trading_runtime::unrealized_paise() const {
  return engine_ ? engine_->unrealized_paise() : 0;
}

std::map<std::string, core::trading::position_mark> trading_runtime::position_marks() const {
  return engine_ ? engine_->position_marks()
                 : std::map<std::string, core::trading::position_mark>{};
}

std::string trading_runtime::health_json() const {
  std::string out;
  base::json_writer w(out);
  w.begin_object();
  w.key("ready").value(ready());
  w.key("started").value(started_);
  w.key("mode").value(cfg_.daemon.mode);
  w.key("session")
      .begin_object()
      .key("date")
      .value(state_.session.date)
      .key("phase")
      .value(state_.session.phase);
  w.key("entry_window_open").value(state_.session.entry_window_open).end_object();
  w.key("self_test_passed").value(state_.lifecycle.self_test_passed);
  w.key("halted").value(state_.risk.halted).key("halt_reason").value(state_.risk.halt_reason);
  w.key("vix_breaker_tripped").value(state_.risk.vix_tripped);
  w.key("breakers").begin_object();
  for (const auto& [group, s] : state_.risk.breakers) w.escaped_key(group).value(ev::to_string(s));
  w.end_object();
  w.key("feeds").begin_object();
  if (broker_) {
    const auto s = broker_->market_feed().stats();
    w.key("market").begin_object().key("connected").value(s.connected).key("ticks").value(s.ticks);
    w.key("reconnects").value(s.reconnects).key("subscriptions").value(s.subscriptions);
    w.key("last_tick_age_ms")
        .value(last_tick_.local_ns ? (clock_.now_ns() - last_tick_.local_ns) / core::ns_per_ms
                                   : -1);
    auto it = state_.feeds.find("market");
    w.key("stale").value(it != state_.feeds.end() && it->second.stale).end_object();
  }
  if (const auto* orders = broker_ ? broker_->order_feed() : nullptr) {
    const auto s = orders->stats();
    w.key("orders")
        .begin_object()
        .key("connected")
        .value(s.connected)
        .key("updates")
        .value(s.updates)
        .end_object();
  }
  w.end_object();
  std::int64_t open = 0;
  for (const auto& [i, p] : state_.positions) open += p.qty != 0;
  w.key("open_positions").value(open);
  w.key("realized_pnl_paise").value(state_.today.realized_pnl_paise);
  w.key("unrealized_pnl_paise").value(unrealized_paise());
  w.key("last_seq").value(state_.last_seq);
  w.end_object();
  return out;
}

std::string trading_runtime::status_line() const {
  auto price = [&](const std::string& instrument) -> std::string {
    const auto* q = engine_ ? engine_->market().find(instrument) : nullptr;
    return q ? core::market::format_rupees(q->ltp) : "-";
  };
  std::int64_t open = 0;
  for (const auto& [i, p] : state_.positions) open += p.qty != 0;
  const std::int64_t pnl = state_.today.realized_pnl_paise + unrealized_paise();
  const int minute = core::ist_minute_of_day(clock_.now_ns());
  char clock_text[16];
  std::snprintf(clock_text, sizeof clock_text, "%02d:%02d", minute / 60, minute % 60);
  std::string indices;
  for (const auto& u : underlyings_) indices += "  " + u.name + " " + price(u.index);
  return std::string(clock_text) + " IST" + indices + "  VIX " +
         price(cfg_.trading.trading.vix_instrument) + "  | " + state_.session.phase +
         (state_.risk.halted ? " (halted)" : "") + "  | open " + std::to_string(open) +
         "  | trades " + std::to_string(state_.today.trades) + "  | P&L " + (pnl >= 0 ? "+" : "") +
         core::market::format_rupees(pnl);
}

}  // namespace strike::daemon
