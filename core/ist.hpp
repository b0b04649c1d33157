// Indian Standard Time arithmetic. India has no daylight saving, so IST is always UTC+05:30
// and every conversion is a fixed offset plus civil-calendar arithmetic.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace strike::core {

inline constexpr std::int64_t ist_offset_ns = (5LL * 3600 + 30 * 60) * 1'000'000'000;
inline constexpr std::int64_t ns_per_minute = 60LL * 1'000'000'000;
inline constexpr std::int64_t ns_per_day = 24LL * 3600 * 1'000'000'000;

struct civil_date {
  int year = 1970;
  int month = 1;  // 1..12
  int day = 1;    // 1..31
  auto operator<=>(const civil_date&) const = default;
};

// Days since 1970-01-01 for a proleptic Gregorian date, and back.
std::int64_t days_from_civil(civil_date d);
civil_date civil_from_days(std::int64_t days);
// 0 = Sunday ... 6 = Saturday.
int weekday(civil_date d);

// The IST calendar date of a UTC instant.
civil_date ist_date(std::int64_t utc_ns);
// Minutes after IST midnight of a UTC instant.
int ist_minute_of_day(std::int64_t utc_ns);
// The UTC instant of IST wall time `minutes` after midnight on date.
std::int64_t ist_time_ns(civil_date date, int minutes);

// "2026-11-22"
std::string format_date(civil_date d);
std::optional<civil_date> parse_date(std::string_view text);
// "2026-11-22T14:45:00.123+05:30"
std::string format_ist(std::int64_t utc_ns);

}  // namespace strike::core
