// Position size in lots from India VIX and days to expiry: a table, first matching row wins.
#pragma once

#include <cmath>
#include <cstdint>
#include <vector>

namespace strike::core::trading {

struct sizing_rule {
  double vix_below = 1e9;       // the row applies when VIX < this
  std::int64_t min_dte = 0;     // and days to expiry within [min_dte, max_dte]
  std::int64_t max_dte = 1000;
  std::int64_t lots = 1;        // 0 forbids entries under these conditions
};

// The default table: smaller in high volatility and on expiry day.
std::vector<sizing_rule> default_sizing();

// Lots for the conditions, or 0 when no row matches (or VIX is unknown, NaN).
std::int64_t lots_for(const std::vector<sizing_rule>& table, double vix, std::int64_t dte);

}  // namespace strike::core::trading
