// Tolerant reading of Angel One JSON. The API sends the same field as a string in one reply and
// a number in another ("price":"194.50" in the order book, 194.5 in order details), null or an
// empty string for "nothing", and omits fields freely. These readers accept all of that; only a
// value that cannot mean what the field means (quantity "abc") is a problem, recorded with the
// field's name for the caller's typed error.
#pragma once

#include <simdjson.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace strike::brokers::angelone {

// "194.50" -> 19450 with scale 2; "-75" -> -7500; rounds half away from zero beyond scale
// digits. Accepts an optional sign, digits, one point, and an exponent-free form only.
std::optional<std::int64_t> scaled_decimal(std::string_view text, int scale);

// A JSON number or decimal text times 10^scale as an int64 (doubles rounded); nullopt when it is
// not a number or the result does not fit: a price too large for paise is damage, not money.
std::optional<std::int64_t> scaled_number(simdjson::dom::element e, int scale);

// Reads fields of one JSON object. Missing, null and "" read as empty / zero.
class fields {
 public:
  explicit fields(simdjson::dom::object object) : object_(object) {}

  bool has(std::string_view key) const;
  // Strings as they are; numbers in their shortest decimal form; booleans "true"/"false".
  std::string text(std::string_view key);
  // Rupees (string or number) to paise.
  std::int64_t paise(std::string_view key);
  // A decimal already scaled by 100 (the scrip master's strike and tick size) to an integer.
  std::int64_t hundredths(std::string_view key) { return scaled(key, 0); }
  // Whole units ("75", 75, "75.0").
  std::int64_t integer(std::string_view key);

  // Empty while every read value made sense; else "field 'quantity': not a number: abc".
  const std::string& problem() const { return problem_; }
  bool ok() const { return problem_.empty(); }

 private:
  std::int64_t scaled(std::string_view key, int scale);
  void fail(std::string_view key, std::string_view why, std::string_view value);

  simdjson::dom::object object_;
  std::string problem_;
};

}  // namespace strike::brokers::angelone
