#include "brokers/angelone/json_fields.hpp"

#include <charconv>
#include <cmath>
#include <limits>

namespace strike::brokers::angelone {

using simdjson::dom::element;
using simdjson::dom::element_type;

std::optional<std::int64_t> scaled_decimal(std::string_view text, int scale) {
  std::size_t i = 0;
  while (i < text.size() && text[i] == ' ') ++i;
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  bool negative = false;
  if (i < text.size() && (text[i] == '-' || text[i] == '+')) negative = text[i++] == '-';
  std::int64_t value = 0;
  int fraction_digits = -1;  // -1 until the point
  bool any_digit = false;
  bool round_up = false;
  constexpr std::int64_t limit = std::numeric_limits<std::int64_t>::max() / 10 - 10;
  for (; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '.' && fraction_digits < 0) {
      fraction_digits = 0;
      continue;
    }
    if (c < '0' || c > '9') return std::nullopt;
    any_digit = true;
    if (fraction_digits >= scale) {
      // The first dropped digit decides the rounding; later ones do not matter.
      if (fraction_digits == scale) round_up = c >= '5';
      ++fraction_digits;
      continue;
    }
    if (value > limit) return std::nullopt;
    value = value * 10 + (c - '0');
    if (fraction_digits >= 0) ++fraction_digits;
  }
  if (!any_digit) return std::nullopt;
  for (int d = std::max(fraction_digits, 0); d < scale; ++d) {
    if (value > limit) return std::nullopt;
    value *= 10;
  }
  if (round_up) ++value;
  return negative ? -value : value;
}

namespace {

std::string number_text(element e) {
  char buf[64];
  std::to_chars_result r{};
  switch (e.type()) {
    case element_type::INT64: r = std::to_chars(buf, buf + sizeof buf, e.get_int64().value_unsafe()); break;
    case element_type::UINT64: r = std::to_chars(buf, buf + sizeof buf, e.get_uint64().value_unsafe()); break;
    case element_type::DOUBLE: r = std::to_chars(buf, buf + sizeof buf, e.get_double().value_unsafe()); break;
    default: return {};
  }
  return std::string(buf, r.ptr);
}

}  // namespace

std::optional<std::int64_t> scaled_number(element e, int scale) {
  const double factor = std::pow(10.0, scale);
  std::int64_t out = 0;
  switch (e.type()) {
    case element_type::INT64:
      if (__builtin_mul_overflow(e.get_int64().value_unsafe(), static_cast<std::int64_t>(factor), &out)) break;
      return out;
    case element_type::UINT64:
      if (__builtin_mul_overflow(e.get_uint64().value_unsafe(), static_cast<std::int64_t>(factor), &out)) break;
      return out;
    case element_type::DOUBLE: {
      const double v = e.get_double().value_unsafe() * factor;
      if (!std::isfinite(v) || std::fabs(v) > 9e18) break;
      return std::llround(v);
    }
    case element_type::STRING: return scaled_decimal(e.get_string().value_unsafe(), scale);
    default: break;
  }
  return std::nullopt;
}

bool fields::has(std::string_view key) const {
  element e;
  return !object_[key].get(e) && !e.is_null();
}

std::string fields::text(std::string_view key) {
  element e;
  if (object_[key].get(e)) return {};
  switch (e.type()) {
    case element_type::STRING: return std::string(e.get_string().value_unsafe());
    case element_type::INT64:
    case element_type::UINT64:
    case element_type::DOUBLE: return number_text(e);
    case element_type::BOOL: return e.get_bool().value_unsafe() ? "true" : "false";
    case element_type::NULL_VALUE: return {};
    default: fail(key, "not a text", "");
  }
  return {};
}

std::int64_t fields::scaled(std::string_view key, int scale) {
  element e;
  if (object_[key].get(e)) return 0;
  const auto type = e.type();
  std::string_view text;
  if (type == element_type::NULL_VALUE || (!e.get(text) && text.empty())) return 0;
  if (auto v = scaled_number(e, scale)) return *v;
  if (type == element_type::INT64 || type == element_type::UINT64)
    fail(key, "out of range", number_text(e));
  else
    fail(key, "not a number", text);
  return 0;
}

std::int64_t fields::paise(std::string_view key) { return scaled(key, 2); }

std::int64_t fields::integer(std::string_view key) { return scaled(key, 0); }

void fields::fail(std::string_view key, std::string_view why, std::string_view value) {
  if (!problem_.empty()) return;  // the first problem is the one worth reporting
  problem_ = "field '" + std::string(key) + "': " + std::string(why);
  if (!value.empty()) problem_ += ": " + std::string(value.substr(0, 40));
}

}  // namespace strike::brokers::angelone
