// The terms an NSE option's trading symbol spells: NIFTY06JAN2626000CE is the NIFTY 26000 call
// expiring 6 January 2026. Weekly and monthly contracts are spelt alike in the broker's master.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/ist.hpp"

namespace strike::core::trading {

struct option_terms {
  std::string underlying;  // "NIFTY"
  civil_date expiry;
  std::int64_t strike_paise = 0;
  bool call = true;
};

// nullopt for anything that is not <NAME><DD><MMM><YY><STRIKE><CE|PE> with a real date.
std::optional<option_terms> parse_option_symbol(std::string_view symbol);

// What one unit of the option is worth at expiry against the underlying's settlement price.
std::int64_t intrinsic_paise(const option_terms& terms, std::int64_t underlying_paise);

}  // namespace strike::core::trading
