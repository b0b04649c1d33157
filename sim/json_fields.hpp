// Reading SmartAPI request bodies. Clients send numbers either as JSON strings ("75",
// "102.50") or as JSON numbers (75, 102.5); every reader here accepts both.
#pragma once

#include <simdjson.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "base/result.hpp"

namespace strike::sim {

class json_fields {
 public:
  // An empty body (or "null") reads as an empty object; anything else must be a JSON object.
  static result<json_fields> parse(std::string_view body);

  bool has(std::string_view key) const;
  // A string as is; a number, boolean or null as its JSON text; nullopt when absent.
  std::optional<std::string> text(std::string_view key) const;
  // "75" or 75; nullopt when absent or not an integer.
  std::optional<std::int64_t> integer(std::string_view key) const;
  // Rupees as "102.50", "102.5", 102.5 or 102 -> paise; nullopt when absent or malformed.
  std::optional<std::int64_t> paise(std::string_view key) const;
  // A nested value, for bodies with objects (quote's exchangeTokens).
  std::optional<simdjson::dom::element> element(std::string_view key) const;

 private:
  std::unique_ptr<simdjson::dom::parser> parser_;
  simdjson::dom::object object_;
  bool empty_ = true;
};

// "102.50" -> 10250, "-3" -> -300, "0.055" -> 6 (rounded half away from zero); nullopt when
// the text is not a decimal number.
std::optional<std::int64_t> parse_paise(std::string_view text);
std::optional<std::int64_t> parse_integer(std::string_view text);

// Rupees with two decimals for the string-valued fields ("102.50").
std::string rupees_text(std::int64_t paise);
// Rupees as a JSON number in its shortest form, as the API writes them (102.5, 0.0).
double rupees(std::int64_t paise);

}  // namespace strike::sim
