// The time and date spellings of the Angel One API. Everything it prints is IST.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/ist.hpp"

namespace strike::brokers::angelone {

// "20-Oct-2020 13:10:59" (order book times, IST) -> UTC ns.
std::optional<std::int64_t> parse_book_time(std::string_view text);
// "13:10:59" on the given IST date (trade book fill times) -> UTC ns.
std::optional<std::int64_t> parse_clock_time(std::string_view text, core::civil_date date);
// "2023-09-06T11:15:00+05:30" (candles; any offset, or Z) -> UTC ns.
std::optional<std::int64_t> parse_iso_time(std::string_view text);
// "28OCT2025" (scrip master expiries) -> date.
std::optional<core::civil_date> parse_expiry(std::string_view text);
// UTC ns -> "2025-01-02 09:15" IST (candle request bounds; seconds dropped).
std::string format_candle_bound(std::int64_t utc_ns);

}  // namespace strike::brokers::angelone
