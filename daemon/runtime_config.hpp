// The config sections of the live loop: the strategy instances ([[strategies]], or the single
// [strategy] with [strategy.params]) and [underlyings], [clock] (the time the daemon runs on),
// [reconcile] and [self_test].
#pragma once

#include <cstdint>
#include <string>

#include "core/strategy/params.hpp"
#include "daemon/reconcile_policy.hpp"
#include "daemon/strategies_config.hpp"
#include "daemon/toml_reader.hpp"

namespace strike::daemon {

struct strategy_section {
  std::string name = "trend_alignment";
  core::strategy::params params;  // checked by the strategy itself when it is built
};

struct clock_section {
  std::string kind = "system";  // "system", or "scaled": a market day at `speed` times real speed
  std::int64_t start_ns = 0;    // scaled: the market time the clock starts at
  double speed = 1.0;
  // scaled: the speed outside market hours, to cross nights and weekends quickly (0: `speed`;
  // core/clock.hpp says which hours)
  double closed_speed = 0;
  std::int64_t anchor_ns =
      0;  // scaled: the wall-clock instant of `start` (0: when the daemon starts)
};

struct reconcile_section {
  unknown_position_policy unknown_positions = unknown_position_policy::report;
  std::int64_t interval_ns = 60'000'000'000;  // real time, while trading; 0: only on triggers
  std::int64_t settle_ns = 3'000'000'000;     // real time between a run's two reads
};

struct self_test_section {
  std::int64_t min_funds_paise = 50'000'00;  // enough for one entry
  std::int64_t max_clock_skew_ms = 5'000;    // local clock against the exchange's tick times
  std::int64_t retry_ms = 30'000;            // a failed self-test is run again this often
};

struct runtime_sections {
  strategy_section strategy;  // [strategy], the single-instance form
  // Every instance to run, at least one ([strategy] becomes one when there is no [[strategies]]).
  std::vector<strategy_instance_section> instances;
  std::vector<core::trading::underlying_spec> underlyings;
  clock_section clock;
  reconcile_section reconcile;
  self_test_section self_test;
};

void read_runtime_sections(toml_reader& top, runtime_sections& r);

}  // namespace strike::daemon
