#include "core/ist.hpp"

#include <charconv>
#include <cstdio>

namespace strike::core {

// Howard Hinnant's civil-calendar algorithms.
std::int64_t days_from_civil(civil_date d) {
  const std::int64_t y = d.year - (d.month <= 2);
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const std::int64_t yoe = y - era * 400;
  const std::int64_t mp = (d.month + 9) % 12;
  const std::int64_t doy = (153 * mp + 2) / 5 + d.day - 1;
  const std::int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

civil_date civil_from_days(std::int64_t z) {
  z += 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const std::int64_t doe = z - era * 146097;
  const std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const std::int64_t mp = (5 * doy + 2) / 153;
  const int day = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  const int month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  const int year = static_cast<int>(yoe + era * 400 + (month <= 2));
  return {year, month, day};
}

int weekday(civil_date d) {
  const std::int64_t z = days_from_civil(d);
  return static_cast<int>(z >= -4 ? (z + 4) % 7 : (z + 5) % 7 + 6);
}

namespace {
std::int64_t floor_div(std::int64_t a, std::int64_t b) {
  return a / b - ((a % b != 0) && ((a < 0) != (b < 0)));
}
}  // namespace

civil_date ist_date(std::int64_t utc_ns) {
  return civil_from_days(floor_div(utc_ns + ist_offset_ns, ns_per_day));
}

int ist_minute_of_day(std::int64_t utc_ns) {
  const std::int64_t local = utc_ns + ist_offset_ns;
  const std::int64_t into_day = local - floor_div(local, ns_per_day) * ns_per_day;
  return static_cast<int>(into_day / ns_per_minute);
}

std::int64_t ist_time_ns(civil_date date, int minutes) {
  return days_from_civil(date) * ns_per_day + minutes * ns_per_minute - ist_offset_ns;
}

std::string format_date(civil_date d) {
  if (d.year < 0 || d.year > 9999 || d.month < 1 || d.month > 12 || d.day < 1 || d.day > 31) {
    char buf[48];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", d.year, d.month, d.day);
    return buf;
  }
  // The common case by hand: it is on the way from a tick to an order.
  std::string out = "0000-00-00";
  const auto put = [&out](std::size_t at, int value, int digits) {
    for (int i = digits - 1; i >= 0; --i, value /= 10)
      out[at + i] = static_cast<char>('0' + value % 10);
  };
  put(0, d.year, 4);
  put(5, d.month, 2);
  put(8, d.day, 2);
  return out;
}

std::optional<civil_date> parse_date(std::string_view t) {
  if (t.size() != 10 || t[4] != '-' || t[7] != '-') return std::nullopt;
  civil_date d;
  auto num = [&](std::size_t at, std::size_t len, int& out) {
    auto [p, ec] = std::from_chars(t.data() + at, t.data() + at + len, out);
    return ec == std::errc{} && p == t.data() + at + len;
  };
  if (!num(0, 4, d.year) || !num(5, 2, d.month) || !num(8, 2, d.day)) return std::nullopt;
  if (d.month < 1 || d.month > 12 || d.day < 1) return std::nullopt;
  // Reject days past the month's end by round-tripping.
  if (civil_from_days(days_from_civil(d)) != d) return std::nullopt;
  return d;
}

std::string format_ist(std::int64_t utc_ns) {
  const std::int64_t local = utc_ns + ist_offset_ns;
  const std::int64_t day = floor_div(local, ns_per_day);
  const std::int64_t in_day = local - day * ns_per_day;
  const civil_date d = civil_from_days(day);
  const auto ms = in_day / 1'000'000;
  char buf[48];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02lld:%02lld:%02lld.%03lld+05:30", d.year,
                d.month, d.day, static_cast<long long>(ms / 3'600'000),
                static_cast<long long>(ms / 60'000 % 60), static_cast<long long>(ms / 1000 % 60),
                static_cast<long long>(ms % 1000));
  return buf;
}

}  // namespace strike::core
