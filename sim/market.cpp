#include "sim/market.hpp"

#include <algorithm>
#include <cmath>

#include "core/clock.hpp"
#include "sim/option_pricing.hpp"
#include "sim/sim_random.hpp"

namespace strike::sim {
namespace {
constexpr double ns_per_year = 365.0 * 24 * 3600 * 1e9;
}

std::int64_t to_tick(double rupees, std::int64_t tick_paise) {
  const double ticks = std::round(rupees * 100.0 / static_cast<double>(tick_paise));
  return std::max<std::int64_t>(1, static_cast<std::int64_t>(ticks)) * tick_paise;
}

market::market(price_path& path, const instrument_master& instruments, std::uint64_t seed)
    : path_(path), instruments_(instruments), seed_(seed) {}

double market::option_value(const instrument& inst, double spot, double vix, std::int64_t t) const {
  const double years = static_cast<double>(inst.expiry_ns - t) / ns_per_year;
  const double atm_vol = vix / 100.0 * (inst.underlying == series::banknifty ? 1.2 : 1.0);
  const double strike = static_cast<double>(inst.strike_paise) / 100.0;
  return black_scholes(inst.call, spot, strike, years, smile_vol(atm_vol, spot, strike, inst.call),
                       rate);
}

double market::theoretical(const instrument& inst, std::int64_t t) {
  if (inst.is_index) return path_.level(inst.underlying, t);
  const std::int64_t at = std::min(t, inst.expiry_ns);
  return option_value(inst, path_.level(inst.underlying, at), path_.level(series::vix, at), at);
}

quote market::at(const instrument& inst, std::int64_t t) {
  quote q;
  const double theo = theoretical(inst, t);
  if (inst.is_index) {
    q.ltp = static_cast<std::int64_t>(std::llround(theo * 100.0));
    return q;
  }
  q.ltp = to_tick(theo, inst.tick_paise);
  // Half a spread: 0.25 % of the premium, at least one tick.
  const std::int64_t half =
      std::max<std::int64_t>(inst.tick_paise, to_tick(theo * 0.0025, inst.tick_paise));
  q.bid = std::max<std::int64_t>(inst.tick_paise, q.ltp - half);
  q.ask = q.ltp + half;
  return q;
}

std::int64_t market::minute_volume(const instrument& inst, std::int64_t minute_start_ns) const {
  if (inst.is_index || !path_.in_session(minute_start_ns)) return 0;
  const auto h = hash_words(seed_, 77, std::hash<std::string>{}(inst.token),
                            static_cast<std::uint64_t>(minute_start_ns / core::ns_per_s));
  return static_cast<std::int64_t>(h % 200) * inst.lot_size;
}

day_stats market::stats(const instrument& inst, std::int64_t t) {
  day_stats s;
  auto d = core::ist_date(t);
  const bool session_started = path_.is_session_day(d) && t >= session_open_ns(d);
  const double prev_close_spot = path_.previous_close(inst.underlying, t);
  if (inst.is_index) {
    s.previous_close = static_cast<std::int64_t>(std::llround(prev_close_spot * 100.0));
  } else {
    // The option's close: its price at the previous session's close.
    std::int64_t prev_close_t = session_started ? session_open_ns(d) - 1 : t;
    s.previous_close = at(inst, std::min(prev_close_t, t)).ltp;
  }
  s.ltp = at(inst, t).ltp;
  if (!session_started) {
    s.open = s.high = s.low = s.ltp;
    return s;
  }
  if (inst.is_index) {
    const auto o = path_.session_so_far(inst.underlying, d, t);
    s.open = std::llround(o.open * 100.0);
    s.high = std::llround(o.high * 100.0);
    s.low = std::llround(o.low * 100.0);
    return s;
  }
  // Options: sample the session once a minute up to t.
  const std::int64_t open_ns = session_open_ns(d);
  s.open = s.high = s.low = at(inst, open_ns).ltp;
  const std::int64_t end = std::min(t, session_close_ns(d));
  for (std::int64_t m = open_ns; m <= end; m += 60 * core::ns_per_s) {
    const auto p = at(inst, m).ltp;
    s.high = std::max(s.high, p);
    s.low = std::min(s.low, p);
    s.volume += minute_volume(inst, m);
  }
  s.high = std::max(s.high, s.ltp);
  s.low = std::min(s.low, s.ltp);
  return s;
}

}  // namespace strike::sim
