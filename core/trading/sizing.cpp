#include "core/trading/sizing.hpp"

namespace strike::core::trading {

std::vector<sizing_rule> default_sizing() {
  return {
      {1e9, 0, 0, 1},   // expiry day: one lot whatever the VIX
      {14.0, 1, 1000, 2},
      {20.0, 1, 1000, 1},
      {1e9, 1, 1000, 1},
  };
}

std::int64_t lots_for(const std::vector<sizing_rule>& table, double vix, std::int64_t dte) {
  if (std::isnan(vix)) return 0;
  for (const auto& r : table)
    if (vix < r.vix_below && dte >= r.min_dte && dte <= r.max_dte) return r.lots;
  return 0;
}

}  // namespace strike::core::trading
