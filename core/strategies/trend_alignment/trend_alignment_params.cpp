#include "core/strategies/trend_alignment/trend_alignment_params.hpp"

namespace strike::core::strategies {
namespace {

void read_trend(strategy::params& p, const std::string& prefix, trend_params& t) {
  t.ema_period = static_cast<int>(p.integer(prefix + "_ema", t.ema_period, 2, 500));
  t.slope_bars = static_cast<int>(p.integer(prefix + "_slope_bars", t.slope_bars, 1, 16));
  t.adx_period = static_cast<int>(p.integer(prefix + "_adx", t.adx_period, 2, 200));
  t.rsi_period = static_cast<int>(p.integer(prefix + "_rsi", t.rsi_period, 2, 200));
}

}  // namespace

trend_alignment_params read_trend_alignment_params(strategy::params& p) {
  trend_alignment_params t;
  t.underlying = p.text("underlying", t.underlying);
  t.underlying_instrument = p.text("underlying_instrument", t.underlying_instrument);
  t.vix_instrument = p.text("vix_instrument", t.vix_instrument);
  const std::string tf = p.text("entry_timeframe", std::string(events::to_string(t.entry_timeframe)));
  if (auto parsed = events::enum_from_string<events::timeframe>(tf); parsed && *parsed != events::timeframe::d1)
    t.entry_timeframe = *parsed;
  else
    p.fail("entry_timeframe", "'" + tf + "' is not one of 1m, 5m, 15m, 1h");
  read_trend(p, "daily", t.daily);
  read_trend(p, "hourly", t.hourly);
  t.adx_min = p.number("adx_min", t.adx_min, 0, 100);
  t.rsi_long_min = p.number("rsi_long_min", t.rsi_long_min, 0, 100);
  t.rsi_long_max = p.number("rsi_long_max", t.rsi_long_max, 0, 100);
  t.rsi_short_min = p.number("rsi_short_min", t.rsi_short_min, 0, 100);
  t.rsi_short_max = p.number("rsi_short_max", t.rsi_short_max, 0, 100);
  t.max_ema_distance_pct = p.number("max_ema_distance_pct", t.max_ema_distance_pct, 0.01, 100);
  t.require_vwap = p.boolean("require_vwap", t.require_vwap);
  t.vix_min = p.number("vix_min", t.vix_min, 0, 1000);
  t.vix_max = p.number("vix_max", t.vix_max, 0, 1000);
  t.roll_after_minutes = p.time_of_day("roll_after", t.roll_after_minutes);
  t.cooldown_minutes = static_cast<int>(p.integer("cooldown_minutes", t.cooldown_minutes, 0, 24 * 60));
  if (t.rsi_long_min >= t.rsi_long_max) p.fail("rsi_long_min", "must be below rsi_long_max");
  if (t.rsi_short_min >= t.rsi_short_max) p.fail("rsi_short_min", "must be below rsi_short_max");
  if (t.vix_min >= t.vix_max) p.fail("vix_min", "must be below vix_max");
  return t;
}

}  // namespace strike::core::strategies
