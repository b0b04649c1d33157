// Session-anchored volume-weighted average price. O(1) per update, no allocation.
//
// Each bar contributes its typical price (high + low + close) / 3 weighted by its volume; the
// sums restart with the first bar of each IST date. Kept as exact integers (paise times units)
// and divided once, so the value is exact to the last bit. Warm-up: no value until the
// session has traded some volume (an index, whose volume is 0, never has one).
#pragma once

#include <cstdint>

#include "core/ist.hpp"
#include "core/market/bar.hpp"
#include "core/market/rolling_window.hpp"

namespace strike::core::market {

class vwap {
 public:
  void update(const bar& b) {
    const std::int64_t day = days_from_civil(ist_date(b.start_ns));
    if (day != day_) {
      day_ = day;
      price_volume_ = 0;
      volume_ = 0;
    }
    price_volume_ += static_cast<int128>(b.high + b.low + b.close) * b.volume;
    volume_ += b.volume;
  }
  bool ready() const { return volume_ > 0; }
  double value() const { return static_cast<double>(price_volume_) / (3.0 * static_cast<double>(volume_)); }

 private:
  std::int64_t day_ = -1;
  int128 price_volume_ = 0;  // sum of (h + l + c) * volume
  std::int64_t volume_ = 0;
};

}  // namespace strike::core::market
