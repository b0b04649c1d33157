// The moving-average crossover's parameters and their defaults ([strategy.params] in the config).
#pragma once

#include <string>

#include "core/strategy/params.hpp"
#include "events/enums.hpp"

namespace strike::core::strategies {

struct ma_crossover_params {
  std::string instrument = "NSE:99926000";              // whose closes are averaged (NIFTY 50)
  events::timeframe timeframe = events::timeframe::m5;  // which of its bars
  int fast = 10;                                        // fast SMA period, bars
  int slow = 30;                                        // slow SMA period, bars; above fast
};

// Reads every parameter, recording problems in p.
ma_crossover_params read_ma_crossover_params(strategy::params& p);

}  // namespace strike::core::strategies
