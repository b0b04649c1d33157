// Deterministic, real-shaped tick streams for the market tests: a NIFTY-like random walk in
// 5-paise steps, several ticks a second at irregular millisecond times, cumulative day volume
// as SmartStream sends it, and open interest on some ticks only.
#pragma once

#include <cstdint>
#include <random>
#include <vector>

#include "core/ist.hpp"
#include "core/market/tick.hpp"

namespace strike::test {

struct tick_stream_options {
  core::civil_date first_day{2025, 10, 13};
  int days = 3;
  int from_minute = 9 * 60 + 8;          // pre-open ticks included
  int to_minute = 15 * 60 + 32;          // and a few after the close
  std::int64_t start_price = 2'500'000;  // paise
  int mean_gap_ms = 700;
  bool volume = true;
  bool oi = true;
  std::uint64_t seed = 42;
};

inline std::vector<core::market::tick> make_ticks(const tick_stream_options& o) {
  std::mt19937_64 rng(o.seed);
  std::uniform_int_distribution<int> gap(1, 2 * o.mean_gap_ms);
  std::uniform_int_distribution<int> step(-3, 3);
  std::uniform_int_distribution<int> lot(0, 40);
  std::uniform_int_distribution<int> coin(0, 9);
  std::vector<core::market::tick> out;
  std::int64_t price = o.start_price;
  std::int64_t oi = 10'000'000;
  std::int64_t day = core::days_from_civil(o.first_day);
  for (int n = 0; n < o.days; ++n, ++day) {
    const core::civil_date d = core::civil_from_days(day);
    if (core::weekday(d) == 0 || core::weekday(d) == 6) {
      --n;
      continue;
    }
    std::int64_t volume = 0;
    std::int64_t t = core::ist_time_ns(d, o.from_minute);
    const std::int64_t end = core::ist_time_ns(d, o.to_minute);
    while (t < end) {
      t += static_cast<std::int64_t>(gap(rng)) * 1'000'000;
      price = std::max<std::int64_t>(500, price + 5 * step(rng));
      if (o.volume) volume += 75 * lot(rng);
      std::int64_t tick_oi = 0;
      if (o.oi && coin(rng) == 0) {
        oi += 75 * step(rng);
        tick_oi = oi;
      }
      out.push_back({t, price, volume, tick_oi});
    }
  }
  return out;
}

}  // namespace strike::test
