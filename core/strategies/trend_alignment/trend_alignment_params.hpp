// The reference strategy's parameters and their defaults ([strategy.params] in the config).
#pragma once

#include <string>

#include "core/strategies/trend_alignment/trend_tracker.hpp"
#include "core/strategy/params.hpp"
#include "events/enums.hpp"

namespace strike::core::strategies {

struct trend_alignment_params {
  std::string underlying = "NIFTY";                    // option chain name
  std::string underlying_instrument = "NSE:99926000";  // NIFTY 50 index
  std::string vix_instrument = "NSE:99926017";         // India VIX
  events::timeframe entry_timeframe = events::timeframe::m5;  // decisions at these bar closes
  trend_params daily{20, 3, 14, 14};
  trend_params hourly{20, 3, 14, 14};
  double adx_min = 20.0;          // hourly ADX at least this: a trend worth following
  double rsi_long_min = 50.0;     // hourly RSI band for calls ...
  double rsi_long_max = 70.0;     // ... above it the move is stretched
  double rsi_short_min = 30.0;    // band for puts
  double rsi_short_max = 50.0;
  double max_ema_distance_pct = 1.0;  // price within this of the hourly EMA: no chasing
  bool require_vwap = true;       // price on the trend's side of the session VWAP
  double vix_min = 10.0;          // too quiet: premiums do not move
  double vix_max = 22.0;          // too wild: stops are noise
  int roll_after_minutes = 13 * 60;  // on expiry day, trade the next expiry after 13:00
  int cooldown_minutes = 15;      // after a position closes, wait before the next entry
};

// Reads every parameter, recording problems in p.
trend_alignment_params read_trend_alignment_params(strategy::params& p);

}  // namespace strike::core::strategies
