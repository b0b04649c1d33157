// The time formats SmartAPI writes, all in IST.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace strike::sim {

// "19-Dec-2023 09:18:10"; "" for 0.
std::string book_time(std::int64_t utc_ns);
// "09:18:10"
std::string clock_time(std::int64_t utc_ns);
// "2023-09-06T11:15:00+05:30" (candle timestamps)
std::string candle_time(std::int64_t utc_ns);
// "2025-01-02 09:15" (getCandleData's fromdate/todate) -> UTC ns.
std::optional<std::int64_t> parse_candle_bound(std::string_view text);
// "2026-01-06T09:15:00+05:30", "2026-01-06T03:45:00Z", "2026-01-06T09:15" (IST when no
// offset is given) -> UTC ns.
std::optional<std::int64_t> parse_iso_time(std::string_view text);

}  // namespace strike::sim
