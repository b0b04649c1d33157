// One-minute bars of a NIFTY-like random walk from a generator simple enough to write again in
// any language, so another program can rebuild the very same closes (bench/ma_crossover_numpy.py
// does) and the two can be checked against each other.
//
// Bar i (from 0) closes at 2,500,000 paise plus 5 paise times the sum of steps 0..i, where
//   step i = splitmix64(i + 1) % 121 - 60                 (a move of -60..+60 ticks of 5 paise)
//   splitmix64(x): z = x * 0x9E3779B97F4A7C15; z = (z ^ z >> 30) * 0xBF58476D1CE4E5B9;
//                  z = (z ^ z >> 27) * 0x94D049BB133111EB; return z ^ z >> 31   (mod 2^64)
// It opens at the previous close (the first at 2,500,000), and its wicks reach 5 * (z >> 40 & 7)
// paise beyond the body. Sessions are the weekdays from 2025-01-01, 375 bars each, 09:15 IST on.
#pragma once

#include <algorithm>
#include <cstdint>
#include <vector>

#include "core/ist.hpp"
#include "core/market/bar.hpp"

namespace strike::bench {

inline std::uint64_t splitmix64(std::uint64_t x) {
  std::uint64_t z = x * 0x9E3779B97F4A7C15ULL;
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

inline std::vector<core::market::bar> portable_minute_bars(int sessions) {
  constexpr int bars_per_session = 375;
  constexpr int session_open_minute = 9 * 60 + 15;
  std::vector<core::market::bar> out;
  out.reserve(static_cast<std::size_t>(sessions) * bars_per_session);
  std::int64_t day = core::days_from_civil({2025, 1, 1});
  std::int64_t close = 2'500'000;
  std::uint64_t i = 0;
  for (int session = 0; session < sessions; ++day) {
    const core::civil_date date = core::civil_from_days(day);
    if (core::weekday(date) == 0 || core::weekday(date) == 6) continue;
    for (int minute = 0; minute < bars_per_session; ++minute) {
      const std::uint64_t z = splitmix64(++i);
      const std::int64_t open = close;
      close += 5 * (static_cast<std::int64_t>(z % 121) - 60);
      const std::int64_t wick = 5 * static_cast<std::int64_t>((z >> 40) & 7);
      out.push_back({core::ist_time_ns(date, session_open_minute + minute), open,
                     std::max(open, close) + wick, std::min(open, close) - wick, close, 0, 0});
    }
    ++session;
  }
  return out;
}

}  // namespace strike::bench
