#include "core/strategies/ma_crossover/ma_crossover_params.hpp"

namespace strike::core::strategies {

ma_crossover_params read_ma_crossover_params(strategy::params& p) {
  ma_crossover_params m;
  m.instrument = p.text("instrument", m.instrument);
  const std::string tf = p.text("timeframe", std::string(events::to_string(m.timeframe)));
  if (auto parsed = events::enum_from_string<events::timeframe>(tf))
    m.timeframe = *parsed;
  else
    p.fail("timeframe", "'" + tf + "' is not one of 1m, 5m, 15m, 1h, 1d");
  // Periods stay small enough that a running sum of prices cannot overflow.
  m.fast = static_cast<int>(p.integer("fast", m.fast, 1, 10'000));
  m.slow = static_cast<int>(p.integer("slow", m.slow, 2, 10'000));
  if (m.fast >= m.slow) {
    p.fail("fast", "must be below slow");
    // The strategy is still built (and then refused): give it a pair it can hold.
    const ma_crossover_params defaults;
    m.fast = defaults.fast;
    m.slow = defaults.slow;
  }
  return m;
}

}  // namespace strike::core::strategies
