#include "core/market/candle_time.hpp"

#include <cstdio>

#include "core/clock.hpp"
#include "core/ist.hpp"

namespace strike::core::market {
namespace {

bool digits(std::string_view s, std::size_t at, std::size_t n, int& out) {
  if (at + n > s.size()) return false;
  out = 0;
  for (std::size_t i = at; i < at + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    out = out * 10 + (s[i] - '0');
  }
  return true;
}

}  // namespace

result<std::int64_t> parse_candle_time(std::string_view s) {
  const std::string quoted = "'" + std::string(s) + "'";
  const auto bad = [&](const char* why) { return error{quoted + " " + why}; };
  if (s.size() < 19) return bad("is not a timestamp like 2023-09-06T11:15:00+05:30");
  auto date = parse_date(s.substr(0, 10));
  if (!date) return bad("has no valid date (YYYY-MM-DD)");
  if (s[10] != 'T' && s[10] != ' ') return bad("needs 'T' between date and time");
  int hh = 0, mm = 0, ss = 0;
  if (!digits(s, 11, 2, hh) || s[13] != ':' || !digits(s, 14, 2, mm) || s[16] != ':' ||
      !digits(s, 17, 2, ss) || hh > 23 || mm > 59 || ss > 59)
    return bad("has no valid time (HH:MM:SS)");
  std::size_t i = 19;
  std::int64_t fraction_ns = 0;
  if (i < s.size() && s[i] == '.') {
    std::int64_t scale = 100'000'000;
    const std::size_t start = ++i;
    for (; i < s.size() && s[i] >= '0' && s[i] <= '9'; ++i, scale /= 10)
      if (scale > 0) fraction_ns += (s[i] - '0') * scale;
    if (i == start) return bad("has an empty fraction of a second");
  }
  int offset_minutes = 0;
  if (i < s.size() && s[i] == 'Z') {
    ++i;
  } else if (i < s.size() && (s[i] == '+' || s[i] == '-')) {
    int oh = 0, om = 0;
    if (!digits(s, i + 1, 2, oh) || i + 3 >= s.size() || s[i + 3] != ':' ||
        !digits(s, i + 4, 2, om) || oh > 14 || om > 59)
      return bad("has a bad UTC offset (expected +05:30)");
    offset_minutes = (s[i] == '-' ? -1 : 1) * (oh * 60 + om);
    i += 6;
  } else {
    return bad("has no UTC offset (expected +05:30)");
  }
  if (i != s.size()) return bad("has text after the offset");
  const std::int64_t local = days_from_civil(*date) * ns_per_day +
                             (static_cast<std::int64_t>(hh) * 3600 + mm * 60 + ss) * ns_per_s +
                             fraction_ns;
  return local - offset_minutes * ns_per_minute;
}

std::string format_candle_time(std::int64_t utc_ns) {
  const civil_date d = ist_date(utc_ns);
  const std::int64_t into = utc_ns + ist_offset_ns - days_from_civil(d) * ns_per_day;
  const std::int64_t secs = into / ns_per_s;
  char buf[40];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02lld:%02lld:%02lld+05:30", d.year, d.month,
                d.day, static_cast<long long>(secs / 3600), static_cast<long long>(secs / 60 % 60),
                static_cast<long long>(secs % 60));
  return buf;
}

}  // namespace strike::core::market
