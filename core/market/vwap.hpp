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
    if (b.start_ns < day_start_ || b.start_ns >= day_end_) {
      day_start_ = ist_time_ns(ist_date(b.start_ns), 0);
      day_end_ = day_start_ + ns_per_day;
      price_volume_ = 0;
      volume_ = 0;
    }
    price_volume_ += static_cast<int128>(b.high + b.low + b.close) * b.volume;
    volume_ += b.volume;
  }
  bool ready() const { return volume_ > 0; }
  double value() const {
    return static_cast<double>(price_volume_) / (3.0 * static_cast<double>(volume_));
  }

 private:
  std::int64_t day_start_ = 0;  // [day_start_, day_end_): the session's IST date, in UTC ns
  std::int64_t day_end_ = 0;
  int128 price_volume_ = 0;  // sum of (h + l + c) * volume
  std::int64_t volume_ = 0;
};

}  // namespace strike::core::market
