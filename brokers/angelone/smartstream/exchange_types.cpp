#include "brokers/angelone/smartstream/exchange_types.hpp"

#include <array>
#include <utility>

namespace strike::brokers::angelone::smartstream {
namespace {

constexpr std::array<std::pair<std::uint8_t, std::string_view>, 7> segments{{
    {1, "NSE"}, {2, "NFO"}, {3, "BSE"}, {4, "BFO"}, {5, "MCX"}, {7, "NCDEX"}, {13, "CDS"},
}};

}  // namespace

std::optional<std::uint8_t> exchange_type_of(std::string_view exchange) {
  for (const auto& [code, name] : segments)
    if (name == exchange) return code;
  return std::nullopt;
}

std::string_view exchange_name(std::uint8_t exchange_type) {
  for (const auto& [code, name] : segments)
    if (code == exchange_type) return name;
  return {};
}

std::int64_t price_divisor(std::uint8_t exchange_type) { return exchange_type == 13 ? 10'000'000 : 100; }

bool is_index(std::uint8_t exchange_type, std::string_view token) {
  return (exchange_type == 1 || exchange_type == 3) && token.size() == 8 && token.starts_with("999");
}

}  // namespace strike::brokers::angelone::smartstream
