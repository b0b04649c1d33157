#include "sim/json_fields.hpp"

#include <charconv>
#include <cmath>
#include <cstdio>

namespace strike::sim {

result<json_fields> json_fields::parse(std::string_view body) {
  json_fields f;
  std::size_t begin = body.find_first_not_of(" \t\r\n");
  if (begin == std::string_view::npos || body.substr(begin) == "null") return f;
  f.parser_ = std::make_unique<simdjson::dom::parser>();
  simdjson::dom::element root;
  if (auto err = f.parser_->parse(body.data(), body.size()).get(root); err)
    return error{std::string("body is not JSON: ") + simdjson::error_message(err)};
  if (root.get_object().get(f.object_) != simdjson::SUCCESS)
    return error{"body is not a JSON object"};
  f.empty_ = false;
  return f;
}

bool json_fields::has(std::string_view key) const {
  return element(key).has_value();
}

std::optional<simdjson::dom::element> json_fields::element(std::string_view key) const {
  if (empty_) return std::nullopt;
  simdjson::dom::element e;
  if (object_.at_key(key).get(e) != simdjson::SUCCESS) return std::nullopt;
  return e;
}

std::optional<std::string> json_fields::text(std::string_view key) const {
  auto e = element(key);
  if (!e) return std::nullopt;
  if (e->is_string()) return std::string(std::string_view(*e));
  if (e->is_null()) return std::string();
  return simdjson::minify(*e);
}

namespace {

// A request's number times scale, if the product is still an int64: a larger one is a bad
// request, never a wrapped price or quantity.
template <class Number>
std::optional<std::int64_t> fit(Number n, std::int64_t scale) {
  std::int64_t out = 0;
  if (__builtin_mul_overflow(n, scale, &out)) return std::nullopt;
  return out;
}

}  // namespace

std::optional<std::int64_t> json_fields::integer(std::string_view key) const {
  auto e = element(key);
  if (!e) return std::nullopt;
  if (e->is_int64()) return std::int64_t(*e);
  if (e->is_uint64()) return fit(std::uint64_t(*e), 1);
  if (e->is_double()) {
    const double d = double(*e);
    if (std::floor(d) == d && std::fabs(d) < 9e15) return static_cast<std::int64_t>(d);
    return std::nullopt;
  }
  if (e->is_string()) return parse_integer(std::string_view(*e));
  return std::nullopt;
}

std::optional<std::int64_t> json_fields::paise(std::string_view key) const {
  auto e = element(key);
  if (!e) return std::nullopt;
  if (e->is_string()) return parse_paise(std::string_view(*e));
  if (e->is_int64()) return fit(std::int64_t(*e), 100);
  if (e->is_uint64()) return fit(std::uint64_t(*e), 100);
  if (e->is_double()) {
    const double d = double(*e) * 100.0;
    if (!std::isfinite(d) || std::fabs(d) > 9e18) return std::nullopt;
    return static_cast<std::int64_t>(std::llround(d));
  }
  return std::nullopt;
}

std::optional<std::int64_t> parse_integer(std::string_view text) {
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  if (!text.empty() && text.front() == '+') text.remove_prefix(1);
  std::int64_t v = 0;
  auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || p != text.data() + text.size() || text.empty()) {
    // "75.0" is still an integer quantity.
    auto paise = parse_paise(text);
    if (paise && *paise % 100 == 0) return *paise / 100;
    return std::nullopt;
  }
  return v;
}

std::optional<std::int64_t> parse_paise(std::string_view text) {
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  bool negative = false;
  if (!text.empty() && (text.front() == '-' || text.front() == '+')) {
    negative = text.front() == '-';
    text.remove_prefix(1);
  }
  if (text.empty()) return std::nullopt;
  std::int64_t whole = 0, frac = 0;
  int frac_digits = 0;
  bool seen_dot = false, seen_digit = false, round_up = false;
  for (char c : text) {
    if (c == '.') {
      if (seen_dot) return std::nullopt;
      seen_dot = true;
      continue;
    }
    if (c < '0' || c > '9') return std::nullopt;
    seen_digit = true;
    const int d = c - '0';
    if (!seen_dot) {
      if (whole > 9'000'000'000'000'000LL / 10) return std::nullopt;
      whole = whole * 10 + d;
    } else if (frac_digits < 2) {
      frac = frac * 10 + d;
      ++frac_digits;
    } else if (frac_digits == 2) {
      round_up = d >= 5;
      ++frac_digits;
    }
  }
  if (!seen_digit) return std::nullopt;
  if (frac_digits == 1) frac *= 10;
  std::int64_t v = whole * 100 + frac + (round_up ? 1 : 0);
  return negative ? -v : v;
}

std::string rupees_text(std::int64_t paise) {
  char buf[32];
  const std::int64_t a = paise < 0 ? -paise : paise;
  std::snprintf(buf, sizeof buf, "%s%lld.%02lld", paise < 0 ? "-" : "",
                static_cast<long long>(a / 100), static_cast<long long>(a % 100));
  return buf;
}

double rupees(std::int64_t paise) {
  return static_cast<double>(paise) / 100.0;
}

}  // namespace strike::sim
