// Candle timestamps: ISO 8601 with an explicit offset, as Angel One writes them
// ("2023-09-06T11:15:00+05:30"). 'Z' and any +HH:MM / -HH:MM offset are accepted, as are a
// space instead of 'T' and fractional seconds; a timestamp without an offset is refused (it
// could be IST or UTC, and guessing would shift every bar by 5.5 hours).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "base/result.hpp"

namespace strike::core::market {

// UTC nanoseconds, or why the text is not such a timestamp.
result<std::int64_t> parse_candle_time(std::string_view text);
// "2023-09-06T11:15:00+05:30" (IST, whole seconds).
std::string format_candle_time(std::int64_t utc_ns);

}  // namespace strike::core::market
