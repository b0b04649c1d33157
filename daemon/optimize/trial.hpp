// One trial of a sweep: the base configuration with the trial's values, read and checked as
// `striked run` reads it, backtested without writing anything, summed up by the statistics
// `striked stats` prints.
//
// A trial builds everything it uses (configuration, strategy, calendar, market source), so
// trials run on any number of threads at once.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include <toml++/toml.h>

#include "backtest/market_source.hpp"
#include "base/result.hpp"
#include "core/ist.hpp"
#include "core/report/trading_stats.hpp"
#include "daemon/optimize/sweep.hpp"

namespace strike::daemon::optimize {

struct trial_setup {
  const sweep* plan = nullptr;
  const toml::table* base = nullptr;  // the configuration file, parsed
  std::filesystem::path config_file;
  core::civil_date from;
  core::civil_date to;
  std::int64_t step_ns = 15'000'000'000;
  // A fresh market for one trial: the same days every time.
  std::function<result<std::shared_ptr<backtest::market_source>>(std::int64_t spread_paise)> market;
};

struct trial_outcome {
  std::int64_t id = 0;
  std::vector<param_value> values;
  core::report::trading_stats stats;
  std::vector<double> daily_returns;
  std::string error;  // the trial could not run
};

// Backtests trial id; also, when given, is fed every event as well (several trials' events in
// turn make one account's statistics).
trial_outcome run_trial(const trial_setup& setup, std::int64_t id,
                        core::report::trading_stats_builder* also = nullptr);

}  // namespace strike::daemon::optimize
