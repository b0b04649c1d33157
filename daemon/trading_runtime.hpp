// Everything that trades, wired together: the broker (Angel One, or paper fills on its market
// data), the instrument master, the market and order feeds, the bar engine, the trading engine,
// the order executor and the strategy.
//
// Start-up runs in order, in the background: login → instrument master → reconciliation with
// the broker → resume what a crash cut short → strategy warm-up from historical candles →
// subscribe → trade. Trading also waits for the pre-open self-test. Shutdown flattens: entries
// stop, working entry orders are cancelled, every position goes out through the exit ladder.
//
// Reactor thread only. Everything passed in outlives the runtime.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/asio/io_context.hpp>
#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>

#include "core/bus.hpp"
#include "core/clock.hpp"
#include "core/state.hpp"
#include "core/trading/position_mark.hpp"
#include "daemon/config.hpp"
#include "daemon/metrics.hpp"
#include "daemon/operator_files.hpp"
#include "daemon/self_test.hpp"
#include "storage/journal.hpp"

#include "brokers/broker.hpp"
#include "brokers/feeds.hpp"

namespace strike::core {
namespace engine {
class session_engine;
}
namespace strategy {
class strategy;
}
namespace trading {
class trading_engine;
}
}  // namespace strike::core

namespace strike::storage {
class bar_store;
class bar_file_writer;
}  // namespace strike::storage

namespace strike::daemon {

class broker_link;
class clock_timer;
class option_band;
class broker_candles;
class order_executor;
class reconcile_schedule;
class self_test_schedule;

// The halt reason for low disk space (a TradingHalted that on_disk_space lifts again).
inline constexpr const char* disk_space_halt = "disk_space";

class trading_runtime {
 public:
  trading_runtime(boost::asio::io_context& io, const config& cfg, core::bus& bus,
                  const core::state& state, storage::journal& journal, const core::clock& clock,
                  metrics& m);
  ~trading_runtime();
  trading_runtime(const trading_runtime&) = delete;
  trading_runtime& operator=(const trading_runtime&) = delete;

  // Builds the broker, the feeds, the engine and the strategy. Fails, saying why, on bad
  // strategy parameters, broker settings or credentials.
  status create();
  // Starts the start-up sequence in the background.
  void start();
  // Runs before every market update and market second, so that each sees the session state of
  // its own instant (the daemon's session transitions), not the last heartbeat's.
  void before_market(std::function<void()> catch_up) { before_market_ = std::move(catch_up); }
  // Called on every heartbeat: kill switch, the operator's RESUME file, self-test retries,
  // session renewal.
  void on_heartbeat();

  // Shutdown, first stage: stop entries and flatten; done(flat) runs once nothing is open or
  // working, or with false when asked to give up (give_up()).
  void flatten(const std::string& reason, std::function<void(bool)> done);
  // A second signal: cross every working exit at market now.
  void cross_now();
  // The flatten gave up: cancel every order still working.
  void cancel_working(const std::string& reason);
  // Stops feeds, timers and the broker. Handlers do not run after it returns.
  void stop();

  // SIGUSR1: writes the kill-switch file (so the halt survives restarts) and halts.
  void engage_kill_switch(const std::string& source);

  // Low disk space: halts new entries (exits go on) until space is back.
  void on_disk_space(bool low, const std::string& detail);

  bool ready() const;
  // Started and not stopped; during the session also self-tested with a live market feed.
  bool healthy() const;
  bool started() const { return started_; }
  std::string health_json() const;
  std::int64_t unrealized_paise() const;
  // The engine's valuation of each open position (empty before the engine is built).
  std::map<std::string, core::trading::position_mark> position_marks() const;
  // "10:42 NIFTY 26012.35 VIX 14.20 | open 1 | P&L +1234.50 | trades 3"
  std::string status_line() const;

 private:
  boost::asio::awaitable<void> startup();
  boost::asio::awaitable<void> warm_up();
  // Before each session: a fresh log-in, then the day's instrument master.
  boost::asio::awaitable<void> prepare_session();
  void subscribe_market();
  // Re-centres the band of the underlying whose index is `index` (all bands when empty).
  void refresh_option_band(std::string_view index = {});
  void on_market_tick(const brokers::market_tick& t);
  void schedule_market_timer();
  void on_market_time();
  void observe_decision();
  void check_flatten_done();
  void publish(events::payload p, core::publish_options o = {});

  boost::asio::io_context& io_;
  const config& cfg_;
  core::bus& bus_;
  const core::state& state_;
  storage::journal& journal_;
  const core::clock& clock_;
  metrics& metrics_;

  std::unique_ptr<broker_link> broker_;
  std::vector<std::unique_ptr<core::strategy::strategy>> strategies_;  // one per instance
  std::unique_ptr<broker_candles> candles_;
  std::unique_ptr<core::engine::session_engine> session_;
  core::trading::trading_engine* engine_ = nullptr;  // session_'s
  std::unique_ptr<order_executor> executor_;
  std::unique_ptr<reconcile_schedule> reconciliations_;  // the runs while trading
  std::unique_ptr<storage::bar_store> bar_store_;
  std::unique_ptr<storage::bar_file_writer> bar_files_;
  std::int64_t bar_file_failures_ = 0;  // in a row, since the last bar written
  std::unique_ptr<clock_timer> market_timer_;

  // The underlyings the instances trade (their index and option chain), in config order, and
  // one option band each once the instrument master is in.
  std::vector<core::trading::underlying_spec> underlyings_;
  std::vector<std::unique_ptr<option_band>> bands_;
  tick_clock_sample last_tick_;
  bool started_ = false;
  // When the market update being handled arrived; reset once its first intent is timed.
  std::optional<std::chrono::steady_clock::time_point> update_started_;
  bool stopped_ = false;
  std::unique_ptr<self_test_schedule> self_tests_;
  operator_files operator_files_;
  std::function<void(bool)> flatten_done_;
  std::function<void()> before_market_;
};

}  // namespace strike::daemon
