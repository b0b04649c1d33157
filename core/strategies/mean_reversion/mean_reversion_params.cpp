#include "core/strategies/mean_reversion/mean_reversion_params.hpp"

namespace strike::core::strategies {

mean_reversion_params read_mean_reversion_params(strategy::params& p) {
  mean_reversion_params m;
  m.underlying = p.text("underlying", m.underlying);
  m.underlying_instrument = p.text("underlying_instrument", m.underlying_instrument);
  m.vix_instrument = p.text("vix_instrument", m.vix_instrument);
  const std::string tf =
      p.text("entry_timeframe", std::string(events::to_string(m.entry_timeframe)));
  if (auto parsed = events::enum_from_string<events::timeframe>(tf);
      parsed && *parsed != events::timeframe::d1)
    m.entry_timeframe = *parsed;
  else
    p.fail("entry_timeframe", "'" + tf + "' is not one of 1m, 5m, 15m, 1h");
  m.kalman_q = p.number("kalman_q", m.kalman_q, 1e-6, 100);
  m.zscore_window = static_cast<int>(p.integer("zscore_window", m.zscore_window, 5, 1000));
  m.adx_period = static_cast<int>(p.integer("adx_period", m.adx_period, 2, 200));
  m.entry_z = p.number("entry_z", m.entry_z, 0.1, 10);
  m.exit_z = p.number("exit_z", m.exit_z, 0, 10);
  m.adx_max = p.number("adx_max", m.adx_max, 1, 100);
  m.max_hold_bars = static_cast<int>(p.integer("max_hold_bars", m.max_hold_bars, 1, 1000));
  m.vix_min = p.number("vix_min", m.vix_min, 0, 1000);
  m.vix_max = p.number("vix_max", m.vix_max, 0, 1000);
  m.roll_after_minutes = p.time_of_day("roll_after", m.roll_after_minutes);
  m.cooldown_minutes =
      static_cast<int>(p.integer("cooldown_minutes", m.cooldown_minutes, 0, 24 * 60));
  if (m.exit_z >= m.entry_z) {
    p.fail("exit_z", "must be below entry_z");
    // The strategy is still built (and then refused): give it a pair it can hold.
    const mean_reversion_params defaults;
    m.entry_z = defaults.entry_z;
    m.exit_z = defaults.exit_z;
  }
  if (m.vix_min >= m.vix_max) p.fail("vix_min", "must be below vix_max");
  return m;
}

}  // namespace strike::core::strategies
