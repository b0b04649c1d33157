// A deterministic stream of realistic events for benchmarks: bars for the index and VIX,
// strategy signals and filter rejections, and whole trades (intent, risk, ladder, fills,
// position, exit) in roughly the proportions of a trading day.
#pragma once

#include <cstdint>
#include <random>
#include <string>

#include "core/bus.hpp"
#include "events/event.hpp"

namespace strike::daemon {

struct sample_event {
  events::payload body;
  core::publish_options options;
};

class sample_events {
 public:
  explicit sample_events(std::uint64_t seed = 1);
  sample_event next();

 private:
  sample_event trade_step();

  std::uint64_t seed_;
  std::mt19937_64 rng_;
  std::int64_t n_ = 0;
  std::int64_t bar_time_ns_ = 1'763'782'500'000'000'000;  // a session start
  std::int64_t nifty_paise_ = 2'600'000;
  int trade_phase_ = -1;  // -1: no trade in progress
  std::int64_t trade_no_ = 0;
  std::string order_;
  std::string instrument_;
  std::int64_t entry_paise_ = 0;
};

}  // namespace strike::daemon
