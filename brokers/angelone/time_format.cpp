#include "brokers/angelone/time_format.hpp"

#include <array>
#include <cctype>
#include <cstdio>

namespace strike::brokers::angelone {
namespace {

constexpr std::int64_t ns_per_s = 1'000'000'000;
constexpr std::array<std::string_view, 12> months{"JAN", "FEB", "MAR", "APR", "MAY", "JUN",
                                                  "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"};

// Reads exactly n digits at text[pos].
std::optional<int> digits(std::string_view text, std::size_t pos, std::size_t n) {
  if (pos + n > text.size()) return std::nullopt;
  int v = 0;
  for (std::size_t i = pos; i < pos + n; ++i) {
    if (text[i] < '0' || text[i] > '9') return std::nullopt;
    v = v * 10 + (text[i] - '0');
  }
  return v;
}

std::optional<int> month_of(std::string_view text) {
  if (text.size() != 3) return std::nullopt;
  std::string upper(text);
  for (auto& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  for (std::size_t i = 0; i < months.size(); ++i)
    if (months[i] == upper) return static_cast<int>(i) + 1;
  return std::nullopt;
}

bool valid(core::civil_date d) {
  if (d.month < 1 || d.month > 12 || d.day < 1 || d.day > 31) return false;
  return core::civil_from_days(core::days_from_civil(d)) == d;
}

std::optional<std::int64_t> ist_seconds(core::civil_date d, int h, int m, int s) {
  if (!valid(d) || h > 23 || m > 59 || s > 60) return std::nullopt;
  return core::ist_time_ns(d, h * 60 + m) + s * ns_per_s;
}

}  // namespace

std::optional<std::int64_t> parse_book_time(std::string_view t) {
  // dd-Mon-yyyy HH:mm:ss
  if (t.size() != 20 || t[2] != '-' || t[6] != '-' || t[11] != ' ' || t[14] != ':' || t[17] != ':')
    return std::nullopt;
  const auto day = digits(t, 0, 2), year = digits(t, 7, 4), h = digits(t, 12, 2),
             m = digits(t, 15, 2), s = digits(t, 18, 2);
  const auto month = month_of(t.substr(3, 3));
  if (!day || !year || !h || !m || !s || !month) return std::nullopt;
  return ist_seconds({*year, *month, *day}, *h, *m, *s);
}

std::optional<std::int64_t> parse_clock_time(std::string_view t, core::civil_date date) {
  if (t.size() != 8 || t[2] != ':' || t[5] != ':') return std::nullopt;
  const auto h = digits(t, 0, 2), m = digits(t, 3, 2), s = digits(t, 6, 2);
  if (!h || !m || !s) return std::nullopt;
  return ist_seconds(date, *h, *m, *s);
}

std::optional<std::int64_t> parse_iso_time(std::string_view t) {
  // yyyy-mm-ddTHH:MM:SS then Z or ±HH:MM
  if (t.size() < 20 || t[4] != '-' || t[7] != '-' || (t[10] != 'T' && t[10] != ' ') ||
      t[13] != ':' || t[16] != ':')
    return std::nullopt;
  const auto year = digits(t, 0, 4), month = digits(t, 5, 2), day = digits(t, 8, 2),
             h = digits(t, 11, 2), m = digits(t, 14, 2), s = digits(t, 17, 2);
  if (!year || !month || !day || !h || !m || !s) return std::nullopt;
  std::size_t pos = 19;
  if (pos < t.size() && t[pos] == '.') {  // fractional seconds are dropped
    ++pos;
    while (pos < t.size() && std::isdigit(static_cast<unsigned char>(t[pos]))) ++pos;
  }
  std::int64_t offset_ns = 0;
  if (pos < t.size() && t[pos] == 'Z' && pos + 1 == t.size()) {
    offset_ns = 0;
  } else if (pos + 6 == t.size() && (t[pos] == '+' || t[pos] == '-') && t[pos + 3] == ':') {
    const auto oh = digits(t, pos + 1, 2), om = digits(t, pos + 4, 2);
    if (!oh || !om) return std::nullopt;
    offset_ns = (*oh * 3600LL + *om * 60LL) * ns_per_s * (t[pos] == '-' ? -1 : 1);
  } else {
    return std::nullopt;
  }
  const core::civil_date d{*year, *month, *day};
  if (!valid(d) || *h > 23 || *m > 59 || *s > 60) return std::nullopt;
  const std::int64_t local =
      core::days_from_civil(d) * core::ns_per_day + ((*h * 60LL + *m) * 60 + *s) * ns_per_s;
  return local - offset_ns;
}

std::optional<core::civil_date> parse_expiry(std::string_view t) {
  if (t.size() != 9) return std::nullopt;
  const auto day = digits(t, 0, 2), year = digits(t, 5, 4);
  const auto month = month_of(t.substr(2, 3));
  if (!day || !year || !month) return std::nullopt;
  const core::civil_date d{*year, *month, *day};
  if (!valid(d)) return std::nullopt;
  return d;
}

std::string format_candle_bound(std::int64_t utc_ns) {
  const auto d = core::ist_date(utc_ns);
  const int minutes = core::ist_minute_of_day(utc_ns);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d %02d:%02d", d.year, d.month, d.day, minutes / 60,
                minutes % 60);
  return buf;
}

}  // namespace strike::brokers::angelone
