// What makes a bar or a tick impossible. Each fault has a MarketDataRejected reason code and a
// sentence for people.
#pragma once

#include <string>
#include <string_view>

#include "core/market/bar.hpp"
#include "core/market/tick.hpp"

namespace strike::core::market {

enum class bar_fault {
  none,
  bad_price,            // a price <= 0
  high_below_low,       // high < low
  open_outside_range,   // open not in [low, high]
  close_outside_range,  // close not in [low, high]
  bad_volume,           // volume or open interest < 0
};

bar_fault check_bar(const bar& b);
// "bad_price", "bad_ohlc" (the three range faults) or "bad_volume".
std::string_view reason_code(bar_fault f);
// "high 19500.00 < low 19510.00"
std::string describe(bar_fault f, const bar& b);

// Faults a single tick can have on its own (ordering is the aggregator's business).
bar_fault check_tick(const tick& t);
std::string describe(bar_fault f, const tick& t);

}  // namespace strike::core::market
