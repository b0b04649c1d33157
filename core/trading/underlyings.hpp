// What the daemon knows of each underlying it trades options on, as data: the index it follows,
// the strike step, the lot size by date, the expiry rule and the exchange's freeze quantity. A
// new underlying (FINNIFTY, SENSEX ...) is a config change ([underlyings.NAME]), not code.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/session/expiry_rules.hpp"

namespace strike::core::trading {

struct underlying_spec {
  std::string name;   // the option chain's name and the start of its symbols: "NIFTY"
  std::string index;  // its index instrument, "NSE:99926000"
  std::int64_t option_step_paise = 5000;
  // Lot sizes by the first expiry date they apply to ("YYYY-MM-DD", ascending).
  std::vector<std::pair<std::string, std::int64_t>> lot_sizes;
  // "weekly" contracts every week on the rule's weekday, or "monthly" (the last one of a month).
  std::string expiry = "weekly";
  std::vector<expiry_rule> expiry_weekdays;
  std::int64_t freeze_qty = 0;  // units per order at most; 0: no limit
};

// NIFTY, BANKNIFTY, FINNIFTY, MIDCPNIFTY, NIFTYNXT50, SENSEX and BANKEX as NSE and BSE list them.
std::vector<underlying_spec> builtin_underlyings();

// The lot size of contracts expiring on expiry_date ("YYYY-MM-DD"); 0 when none is known.
std::int64_t lot_size_on(const underlying_spec& u, std::string_view expiry_date);

// The spec named name, or null.
const underlying_spec* find_underlying(const std::vector<underlying_spec>& all,
                                       std::string_view name);

}  // namespace strike::core::trading
