// The backtest driver: the session engine that `striked run` trades with, fed market days on a
// virtual clock, its orders answered by the simulated exchange, every event journaled in the
// live format to out/events.jsonl. Session transitions come from the same calendar (holidays,
// entry window, end-of-day exit); the engine is reconciled at the start, as a daemon would be.
//
// One thread, no wall clock: the same data, configuration and binary give the same journal,
// byte for byte.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>

#include "backtest/exchange.hpp"
#include "backtest/market_source.hpp"
#include "base/result.hpp"
#include "core/engine/session_engine.hpp"
#include "core/session/session_calendar.hpp"
#include "core/strategy/strategy.hpp"
#include "core/trading/trading_config.hpp"

namespace strike::backtest {

struct backtest_progress {
  int days_done = 0;
  int days_total = 0;
  std::int64_t prints = 0;  // market prints fed so far
};

struct backtest_request {
  std::filesystem::path out;
  // false: nothing is written, out is not used; the events reach on_event only (an
  // optimiser's trials).
  bool write_files = true;
  core::civil_date from;
  core::civil_date to;
  const core::session_calendar* calendar = nullptr;
  core::trading::trading_config trading;
  std::vector<std::string> journal_bars;  // instruments whose bars are journaled (BarClosed)
  market_source* market = nullptr;        // the days' prints, history and option chain
  exchange_config exchange;
  std::int64_t step_ns = 15'000'000'000;  // time between market prints
  std::string version;                    // written in DaemonStarted
  // Written in ConfigLoaded, so that a report can find the run's parameters; empty: none.
  std::string config_path;
  std::string config_sha256;
  std::function<void(const backtest_progress&)> on_progress;
  // Told of every event as it is journaled (the statistics, without reading the journal back).
  std::function<void(const events::event&)> on_event;
  // Rehearse decisions between updates, as live and paper trading do
  // (session_engine_options::rehearse). It changes nothing: the journal is the same either way.
  bool rehearse = false;
};

struct backtest_summary {
  int days = 0;
  std::int64_t trades = 0;
  std::int64_t wins = 0;
  std::int64_t gross_pnl_paise = 0;
  std::int64_t charges_paise = 0;
  std::int64_t net_pnl_paise = 0;
  std::int64_t max_drawdown_paise = 0;  // on the per-minute equity curve
  std::int64_t final_equity_paise = 0;
  std::int64_t events = 0;
  std::int64_t prints = 0;
};

// Warms engine's strategies on the history a live start fetches from the broker before `day`,
// made by market from its model.
void warm_up_before(core::engine::session_engine& engine, market_source& market,
                    core::civil_date day);

// Runs the backtest, writing events.jsonl, trades.csv, equity.csv and summary.json into
// request.out (created; it must not hold a journal already). While it runs, out/INCOMPLETE says
// so; it is removed only once every file is written.
result<backtest_summary> run_backtest(const backtest_request& request,
                                      std::vector<core::engine::strategy_instance> instances);
// One strategy, as the instance named after it.
result<backtest_summary> run_backtest(const backtest_request& request,
                                      core::strategy::strategy& strat);

}  // namespace strike::backtest
