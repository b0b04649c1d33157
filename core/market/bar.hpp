// A bar (candle): prices in integer paise, volume and open interest in units, start in UTC
// nanoseconds. The bar covers [start, end) where end comes from its period and the session
// (core/market/bar_grid.hpp); the bar itself does not store it, so it stays 56 bytes.
#pragma once

#include <cstdint>
#include <string>

#include "events/enums.hpp"
#include "events/market_events.hpp"

namespace strike::core::market {

struct bar {
  std::int64_t start_ns = 0;  // window start (UTC ns)
  std::int64_t open = 0;      // paise
  std::int64_t high = 0;
  std::int64_t low = 0;
  std::int64_t close = 0;
  std::int64_t volume = 0;  // units traded in the window
  std::int64_t oi = 0;      // open interest at the close; 0 when not carried
  bool operator==(const bar&) const = default;
};
static_assert(sizeof(bar) == 56, "bar is seven int64 fields and nothing else");

events::bar_closed to_event(std::string instrument, events::timeframe tf, const bar& b);
bar from_event(const events::bar_closed& e);

// "19571.20" for 1957120 paise; negative amounts get a leading '-'.
std::string format_rupees(std::int64_t paise);
// "19571.2": as format_rupees but without trailing zeros (and without the point when whole).
std::string format_rupees_short(std::int64_t paise);

}  // namespace strike::core::market
