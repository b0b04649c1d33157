// Inputs for the market-data benchmarks: one-minute bars and ticks of a NIFTY-like random walk,
// generated once so the benchmarks time the code under test, not the generator.
#pragma once

#include <cstdint>
#include <random>
#include <vector>

#include "core/ist.hpp"
#include "core/market/bar.hpp"
#include "core/market/tick.hpp"

namespace strike::bench {

inline const std::vector<core::market::bar>& minute_bars() {
  static const std::vector<core::market::bar> bars = [] {
    std::mt19937_64 rng(7);
    std::uniform_int_distribution<int> step(-60, 60), wick(0, 40), volume(0, 4000);
    std::vector<core::market::bar> out;
    std::int64_t price = 2'500'000;
    for (int i = 0; i < 375 * 40; ++i) {
      const core::civil_date d =
          core::civil_from_days(core::days_from_civil({2025, 1, 1}) + i / 375);
      const std::int64_t open = price, close = open + 5 * step(rng);
      out.push_back({core::ist_time_ns(d, 555 + i % 375), open,
                     std::max(open, close) + 5 * wick(rng), std::min(open, close) - 5 * wick(rng),
                     close, volume(rng), 0});
      price = close;
    }
    return out;
  }();
  return bars;
}

// One session of ticks, about two a second.
inline const std::vector<core::market::tick>& session_ticks() {
  static const std::vector<core::market::tick> ticks = [] {
    std::mt19937_64 rng(11);
    std::uniform_int_distribution<int> gap(1, 999), step(-2, 2), lot(0, 20);
    std::vector<core::market::tick> out;
    std::int64_t t = core::ist_time_ns({2025, 10, 20}, 555), price = 2'500'000, volume = 0;
    const std::int64_t end = core::ist_time_ns({2025, 10, 20}, 930);
    while ((t += gap(rng) * 1'000'000) < end) {
      price += 5 * step(rng);
      volume += 75 * lot(rng);
      out.push_back({t, price, volume, 0});
    }
    return out;
  }();
  return ticks;
}

}  // namespace strike::bench
