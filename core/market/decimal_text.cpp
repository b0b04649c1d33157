#include "core/market/decimal_text.hpp"

#include <cctype>
#include <string>

namespace strike::core::market {
namespace {

bool digit(char c) {
  return c >= '0' && c <= '9';
}

// Beyond this the value is no price or count we could mean (10^15 paise = 10 lakh crore rupees).
constexpr std::int64_t limit = 1'000'000'000'000'000;

}  // namespace

result<std::int64_t> parse_scaled(std::string_view text, int scale) {
  const std::string quoted = "'" + std::string(text) + "'";
  if (text.empty()) return error{"is empty"};
  std::size_t i = 0;
  bool negative = false;
  if (text[i] == '-' || text[i] == '+') negative = text[i++] == '-';
  // Significant digits as one integer, and where the decimal point sits.
  std::int64_t mantissa = 0;
  int exponent = 0;  // value = mantissa * 10^exponent
  int digits = 0;
  bool overflow = false;
  auto take = [&](char c, bool after_point) {
    ++digits;
    if (mantissa > (limit * 10) / 10) {  // keep the digit count bounded; only zeros may follow
      if (c != '0') overflow = true;
      if (!after_point) ++exponent;
      return;
    }
    mantissa = mantissa * 10 + (c - '0');
    if (after_point) --exponent;
  };
  while (i < text.size() && digit(text[i])) take(text[i++], false);
  if (i < text.size() && text[i] == '.') {
    ++i;
    const int before = digits;
    while (i < text.size() && digit(text[i])) take(text[i++], true);
    if (digits == before) return error{quoted + " is not a number"};
  }
  if (digits == 0) return error{quoted + " is not a number"};
  if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
    ++i;
    bool neg_exp = false;
    if (i < text.size() && (text[i] == '-' || text[i] == '+')) neg_exp = text[i++] == '-';
    int e = 0;
    const std::size_t start = i;
    while (i < text.size() && digit(text[i]) && e < 100) e = e * 10 + (text[i++] - '0');
    if (i == start || (i < text.size() && digit(text[i])))
      return error{quoted + " has a bad exponent"};
    exponent += neg_exp ? -e : e;
  }
  if (i != text.size()) return error{quoted + " is not a number"};
  if (overflow) return error{quoted + " is too large"};
  exponent += scale;
  while (exponent < 0) {
    if (mantissa % 10 != 0)
      return error{quoted +
                   (scale == 2 ? " has more decimals than a paisa" : " is not a whole number")};
    mantissa /= 10;
    ++exponent;
  }
  while (exponent > 0) {
    if (mantissa > limit / 10) return error{quoted + " is too large"};
    mantissa *= 10;
    --exponent;
  }
  if (mantissa > limit) return error{quoted + " is too large"};
  return negative ? -mantissa : mantissa;
}

}  // namespace strike::core::market
