// The mean-reversion strategy's parameters and their defaults ([strategy.params] in the config).
#pragma once

#include <string>

#include "core/strategy/params.hpp"
#include "events/enums.hpp"

namespace strike::core::strategies {

struct mean_reversion_params {
  std::string underlying = "NIFTY";                           // option chain name
  std::string underlying_instrument = "NSE:99926000";         // NIFTY 50 index
  std::string vix_instrument = "NSE:99926017";                // India VIX
  events::timeframe entry_timeframe = events::timeframe::m5;  // decisions at these bar closes
  double kalman_q = 0.01;  // the Kalman mean's random-walk variance per bar (gain ~0.095)
  int zscore_window = 20;  // residuals in the z-score's standard deviation, bars
  int adx_period = 14;     // Wilder's ADX on the same bars
  double entry_z = 2.0;    // enter when |z| reaches this: the close is stretched from the mean
  double exit_z = 0.5;     // exit when z is back within this of zero (or past it); below entry_z
  double adx_max = 25.0;   // ADX below this: a range to fade, not a trend to stand in front of
  int max_hold_bars = 12;  // exit after this many entry bars, reverted or not
  double vix_min = 10.0;   // too quiet: premiums do not move
  double vix_max = 22.0;   // too wild: stretches keep stretching
  int roll_after_minutes = 13 * 60;  // on expiry day, trade the next expiry after 13:00
  int cooldown_minutes = 15;         // after its own position closes, wait before the next entry
};

// Reads every parameter, recording problems in p.
mean_reversion_params read_mean_reversion_params(strategy::params& p);

}  // namespace strike::core::strategies
