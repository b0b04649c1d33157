#include "core/trading/underlyings.hpp"

namespace strike::core::trading {
namespace {

underlying_spec spec(std::string name, std::string index, std::int64_t step_rupees,
                     std::vector<std::pair<std::string, std::int64_t>> lots, std::string expiry,
                     int exchange, std::int64_t freeze) {
  // Expiry weekdays before and after the exchanges swapped days on 1 September 2025.
  const int before = exchange == 'N' ? 4 : 2;
  const int since = exchange == 'N' ? 2 : 4;
  underlying_spec u;
  u.name = std::move(name);
  u.index = std::move(index);
  u.option_step_paise = step_rupees * 100;
  u.lot_sizes = std::move(lots);
  u.expiry = std::move(expiry);
  u.expiry_weekdays = {{civil_date{2000, 1, 1}, before}, {civil_date{2025, 9, 1}, since}};
  u.freeze_qty = freeze;
  return u;
}

}  // namespace

// Lot sizes from NSE's circular of 3 October 2025 (from the January 2026 expiries). Since
// September 2025 NSE's contracts expire on Tuesdays and BSE's on Thursdays ('N', 'B').
std::vector<underlying_spec> builtin_underlyings() {
  return {
      spec("NIFTY", "NSE:99926000", 50, {{"2000-01-01", 75}, {"2026-01-01", 65}}, "weekly", 'N',
           1800),
      spec("BANKNIFTY", "NSE:99926009", 100, {{"2000-01-01", 35}, {"2026-01-01", 30}}, "monthly",
           'N', 900),
      spec("FINNIFTY", "NSE:99926037", 50, {{"2000-01-01", 65}, {"2026-01-01", 60}}, "monthly", 'N',
           1800),
      spec("MIDCPNIFTY", "NSE:99926074", 25, {{"2000-01-01", 140}, {"2026-01-01", 120}}, "monthly",
           'N', 2800),
      spec("NIFTYNXT50", "NSE:99926013", 100, {{"2000-01-01", 25}}, "monthly", 'N', 600),
      spec("SENSEX", "BSE:99919000", 100, {{"2000-01-01", 20}}, "weekly", 'B', 1000),
      spec("BANKEX", "BSE:99919012", 100, {{"2000-01-01", 30}}, "monthly", 'B', 900),
  };
}

std::int64_t lot_size_on(const underlying_spec& u, std::string_view expiry_date) {
  std::int64_t lot = 0;
  for (const auto& [from, size] : u.lot_sizes)
    if (from <= expiry_date) lot = size;
  return lot;
}

const underlying_spec* find_underlying(const std::vector<underlying_spec>& all,
                                       std::string_view name) {
  for (const auto& u : all)
    if (u.name == name) return &u;
  return nullptr;
}

}  // namespace strike::core::trading
