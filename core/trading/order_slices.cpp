#include "core/trading/order_slices.hpp"

#include <algorithm>
#include <cctype>

namespace strike::core::trading {

std::int64_t freeze_qty_for(const freeze_table& table, std::string_view symbol) {
  std::size_t best_length = 0;
  std::int64_t best = 0;
  for (const auto& [underlying, qty] : table) {
    if (underlying.size() <= best_length || !symbol.starts_with(underlying)) continue;
    // "NIFTY" must not claim "NIFTYNXT50...": the name ends where the expiry's digits begin.
    if (symbol.size() > underlying.size() &&
        std::isdigit(static_cast<unsigned char>(symbol[underlying.size()])) == 0)
      continue;
    best_length = underlying.size();
    best = qty;
  }
  return best;
}

std::int64_t max_slice_qty(std::int64_t freeze_qty, std::int64_t lot_size) {
  if (freeze_qty <= 0) return 0;
  if (lot_size <= 0) return freeze_qty;
  return std::max(freeze_qty / lot_size, std::int64_t{1}) * lot_size;
}

std::vector<std::int64_t> slice_quantities(std::int64_t qty, std::int64_t max_slice) {
  if (max_slice <= 0 || qty <= max_slice) return {qty};
  std::vector<std::int64_t> out;
  for (std::int64_t left = qty; left > 0; left -= out.back())
    out.push_back(std::min(left, max_slice));
  return out;
}

}  // namespace strike::core::trading
