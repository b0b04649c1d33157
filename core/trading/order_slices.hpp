// The exchange's freeze quantity: no single order may carry more units of an underlying's
// options. Larger orders go out as slices, each an order of its own with its own key.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace strike::core::trading {

// Largest units per order by underlying ("NIFTY" -> 1800). Data, not code: exchanges revise
// these, and a new underlying is one more row.
using freeze_table = std::map<std::string, std::int64_t, std::less<>>;

// The freeze quantity of the underlying a trading symbol belongs to ("NIFTY06JAN2626000CE" is
// NIFTY's, "BANKNIFTY27JAN2660000PE" BANKNIFTY's): the longest name the symbol starts with,
// followed by the expiry's digits. 0 when the table names no such underlying (no limit).
std::int64_t freeze_qty_for(const freeze_table& table, std::string_view symbol);

// The most one slice may carry: whole lots, at most the freeze quantity (one lot when the
// freeze quantity is below a lot, which the exchange never sets). 0 means no limit.
std::int64_t max_slice_qty(std::int64_t freeze_qty, std::int64_t lot_size);

// qty as full slices then the rest: 4200 by 1755 -> 1755, 1755, 690. One slice when max_slice
// is 0 or qty fits.
std::vector<std::int64_t> slice_quantities(std::int64_t qty, std::int64_t max_slice);

}  // namespace strike::core::trading
