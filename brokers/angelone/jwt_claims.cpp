#include "brokers/angelone/jwt_claims.hpp"

#include <simdjson.h>

#include <string>

namespace strike::brokers::angelone {
namespace {

std::optional<std::string> base64url_decode(std::string_view in) {
  auto value = [](char c) -> int {
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    if (c == '-' || c == '+') return 62;
    if (c == '_' || c == '/') return 63;
    return -1;
  };
  std::string out;
  std::uint32_t acc = 0;
  int bits = 0;
  for (char c : in) {
    if (c == '=') break;
    const int v = value(c);
    if (v < 0) return std::nullopt;
    acc = (acc << 6) | static_cast<std::uint32_t>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push_back(static_cast<char>((acc >> bits) & 0xFF));
    }
  }
  return out;
}

}  // namespace

std::optional<std::int64_t> jwt_expiry_ns(std::string_view jwt) {
  const auto first = jwt.find('.');
  if (first == std::string_view::npos) return std::nullopt;
  const auto second = jwt.find('.', first + 1);
  if (second == std::string_view::npos) return std::nullopt;
  const auto payload = base64url_decode(jwt.substr(first + 1, second - first - 1));
  if (!payload) return std::nullopt;
  simdjson::dom::parser parser;
  simdjson::dom::object o;
  if (parser.parse(*payload).get(o)) return std::nullopt;
  std::int64_t exp = 0;
  if (o["exp"].get(exp) != simdjson::SUCCESS) {
    double seconds = 0;
    if (o["exp"].get(seconds) != simdjson::SUCCESS) return std::nullopt;
    exp = static_cast<std::int64_t>(seconds);
  }
  if (exp <= 0 || exp > 32503680000LL) return std::nullopt;  // beyond year 3000: meaningless
  return exp * 1'000'000'000;
}

}  // namespace strike::brokers::angelone
