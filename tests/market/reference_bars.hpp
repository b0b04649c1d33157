// An independent, deliberately plain bar aggregation for the tests to compare against: group
// the ticks of each IST day by "minutes since 09:15 divided by N", with the volume rule written
// out again from its specification (docs/market-data.md), not shared with the engine's code.
#pragma once

#include <algorithm>
#include <cstdint>
#include <map>
#include <vector>

#include "core/market/bar.hpp"
#include "core/market/tick.hpp"

namespace strike::test {

// minutes = 0 means daily. Returns bars in start order.
inline std::vector<core::market::bar> reference_bars(const std::vector<core::market::tick>& ticks,
                                                     int minutes) {
  constexpr std::int64_t sec = 1'000'000'000;
  constexpr std::int64_t ist = 19'800 * sec;
  constexpr std::int64_t day_ns = 86'400 * sec;
  constexpr std::int64_t open = (9 * 3600 + 15 * 60) * sec;  // into the IST day
  constexpr std::int64_t close = (15 * 3600 + 30 * 60) * sec;
  std::map<std::int64_t, core::market::bar> bars;  // by start
  std::int64_t day = -1, cum = 0, oi = 0;
  for (const auto& t : ticks) {
    const std::int64_t local = t.ts_ns + ist;
    const std::int64_t this_day = local / day_ns;
    const std::int64_t into = local % day_ns;
    std::int64_t own_volume;
    if (this_day != day) {
      day = this_day;
      own_volume = (into >= open && into < open + 60 * sec) ? t.day_volume : 0;
    } else {
      own_volume = t.day_volume >= cum ? t.day_volume - cum : t.day_volume;
    }
    cum = t.day_volume;
    if (t.oi != 0) oi = t.oi;
    if (into < open || into >= close) continue;
    const std::int64_t length = minutes == 0 ? close - open : minutes * 60 * sec;
    const std::int64_t start = this_day * day_ns - ist + open + (into - open) / length * length;
    auto [it, fresh] = bars.try_emplace(start);
    auto& b = it->second;
    if (fresh) b = {start, t.price, t.price, t.price, t.price, 0, 0};
    b.high = std::max(b.high, t.price);
    b.low = std::min(b.low, t.price);
    b.close = t.price;
    b.volume += own_volume;
    b.oi = oi;
  }
  std::vector<core::market::bar> out;
  for (auto& [start, b] : bars) out.push_back(b);
  return out;
}

}  // namespace strike::test
