// A trade print from the feed, as the bar aggregator needs it.
#pragma once

#include <cstdint>

namespace strike::core::market {

struct tick {
  std::int64_t ts_ns = 0;  // exchange time, UTC ns
  std::int64_t price = 0;  // last traded price, paise
  std::int64_t day_volume =
      0;                // cumulative volume traded today, as SmartStream sends it (0 for indices)
  std::int64_t oi = 0;  // open interest; 0 when the tick does not carry it
  bool operator==(const tick&) const = default;
};

}  // namespace strike::core::market
