// SmartStream's segment codes ("exchangeType") and the REST exchange names they stand for
// (protocol fact sheet, section 0). Instruments are "EXCHANGE:TOKEN" in the REST vocabulary.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace strike::brokers::angelone::smartstream {

// "NSE" -> 1, "NFO" -> 2, "BSE" -> 3, "BFO" -> 4, "MCX" -> 5, "NCDEX" -> 7, "CDS" -> 13.
std::optional<std::uint8_t> exchange_type_of(std::string_view exchange);
// The inverse; empty for a code the feed does not define.
std::string_view exchange_name(std::uint8_t exchange_type);
// Raw price units per rupee: 100 (paise), or 10^7 on currency derivatives (code 13).
std::int64_t price_divisor(std::uint8_t exchange_type);

// Index instruments (NSE/BSE cash segment, tokens 999xxxxx such as 99926000 NIFTY 50 and
// 99926017 India VIX) carry no meaningful sequence number: their ticks are ordered by exchange
// time instead.
bool is_index(std::uint8_t exchange_type, std::string_view token);

}  // namespace strike::brokers::angelone::smartstream
