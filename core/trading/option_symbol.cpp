#include "core/trading/option_symbol.hpp"

#include <algorithm>
#include <array>
#include <cctype>

namespace strike::core::trading {

namespace {

constexpr std::array<std::string_view, 12> months = {"JAN", "FEB", "MAR", "APR", "MAY", "JUN",
                                                     "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"};

bool digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) {
    return std::isdigit(static_cast<unsigned char>(c));
  });
}

int number(std::string_view s) {
  int n = 0;
  for (char c : s) n = n * 10 + (c - '0');
  return n;
}

// "26000" or "24050.5" (rupees) in paise; -1 when it is neither.
std::int64_t strike_of(std::string_view s) {
  const auto dot = s.find('.');
  const std::string_view whole = s.substr(0, dot);
  const std::string_view part = dot == std::string_view::npos ? "" : s.substr(dot + 1);
  if (!digits(whole) || whole.size() > 9 || part.size() > 2 || (dot != s.npos && !digits(part)))
    return -1;
  std::int64_t paise = 0;
  for (char c : whole) paise = paise * 10 + (c - '0');
  paise *= 100;
  if (!part.empty()) paise += number(part) * (part.size() == 1 ? 10 : 1);
  return paise;
}

}  // namespace

std::optional<option_terms> parse_option_symbol(std::string_view symbol) {
  if (symbol.size() < 2 + 7 + 1 + 1 + 2) return std::nullopt;
  const std::string_view kind = symbol.substr(symbol.size() - 2);
  if (kind != "CE" && kind != "PE") return std::nullopt;
  // The name is letters (and '&', '-' in a few stock names); the date follows its first digit.
  std::size_t at = 0;
  while (at < symbol.size() && !std::isdigit(static_cast<unsigned char>(symbol[at]))) ++at;
  if (at == 0 || at + 7 > symbol.size() - 2) return std::nullopt;
  const std::string_view day = symbol.substr(at, 2), month = symbol.substr(at + 2, 3),
                         year = symbol.substr(at + 5, 2);
  const auto m = std::find(months.begin(), months.end(), month);
  if (!digits(day) || !digits(year) || m == months.end()) return std::nullopt;
  const civil_date expiry{2000 + number(year), static_cast<int>(m - months.begin()) + 1,
                          number(day)};
  if (civil_from_days(days_from_civil(expiry)) != expiry) return std::nullopt;  // 31FEB
  const std::int64_t strike = strike_of(symbol.substr(at + 7, symbol.size() - 2 - at - 7));
  if (strike <= 0) return std::nullopt;
  return option_terms{std::string(symbol.substr(0, at)), expiry, strike, kind == "CE"};
}

std::int64_t intrinsic_paise(const option_terms& terms, std::int64_t underlying_paise) {
  const std::int64_t in_the_money =
      terms.call ? underlying_paise - terms.strike_paise : terms.strike_paise - underlying_paise;
  return std::max<std::int64_t>(0, in_the_money);
}

}  // namespace strike::core::trading
