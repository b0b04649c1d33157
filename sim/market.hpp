// Prices of every listed instrument at any market time: index levels from the price path, and
// option premiums from Black-Scholes on the underlying with VIX as the volatility, rounded to
// the tick, with a bid/ask spread around the theoretical price. All prices in paise.
#pragma once

#include <cstdint>

#include "sim/instruments.hpp"
#include "sim/price_path.hpp"

namespace strike::sim {

struct quote {
  std::int64_t ltp = 0;
  std::int64_t bid = 0;  // 0 for indices (no book)
  std::int64_t ask = 0;
};

struct day_stats {
  std::int64_t open = 0, high = 0, low = 0, ltp = 0;
  std::int64_t previous_close = 0;
  std::int64_t volume = 0;  // units traded today (0 for indices)
};

class market {
 public:
  market(price_path& path, const instrument_master& instruments, std::uint64_t seed);

  quote at(const instrument& inst, std::int64_t t);
  // Theoretical premium (rupees, unrounded) or index level.
  double theoretical(const instrument& inst, std::int64_t t);
  day_stats stats(const instrument& inst, std::int64_t t);
  // Units traded in the minute starting at minute_start_ns (deterministic; 0 for indices).
  std::int64_t minute_volume(const instrument& inst, std::int64_t minute_start_ns) const;

  price_path& path() { return path_; }
  const instrument_master& instruments() const { return instruments_; }

  static constexpr double rate = 0.065;  // risk-free rate for option pricing

 private:
  double option_value(const instrument& inst, double spot, double vix, std::int64_t t) const;

  price_path& path_;
  const instrument_master& instruments_;
  std::uint64_t seed_;
};

// Rounds rupees to the nearest tick, in paise, never below one tick.
std::int64_t to_tick(double rupees, std::int64_t tick_paise);

}  // namespace strike::sim
