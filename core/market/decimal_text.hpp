// Exact decimal text to integers: rupees to paise, and whole counts. The digits are read as
// digits, never through a double, so "19571.2" is 1957120 paise exactly and "0.1" + "0.2"
// problems cannot arise.
#pragma once

#include <cstdint>
#include <string_view>

#include "base/result.hpp"

namespace strike::core::market {

// value * 10^scale when that is a whole number; JSON number syntax plus a leading '+'.
// Errors read as a sentence: "'19571.205' has more decimals than a paisa".
result<std::int64_t> parse_scaled(std::string_view text, int scale);

// Rupees to paise: "19571.2" -> 1957120, "1.95712e4" -> 1957120.
inline result<std::int64_t> parse_paise(std::string_view text) {
  return parse_scaled(text, 2);
}
// A whole count: "1200", "1200.0" and "1.2e3" are 1200; "12.5" is an error.
inline result<std::int64_t> parse_whole(std::string_view text) {
  return parse_scaled(text, 0);
}

}  // namespace strike::core::market
