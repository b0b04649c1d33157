#include "sim/time_text.hpp"

#include <cstdio>

#include "core/clock.hpp"
#include "core/ist.hpp"

namespace strike::sim {
namespace {
constexpr const char* month_names[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                       "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

struct wall {
  core::civil_date date;
  int h, m, s;
};

wall ist_wall(std::int64_t utc_ns) {
  const auto date = core::ist_date(utc_ns);
  const std::int64_t since_midnight = utc_ns - core::ist_time_ns(date, 0);
  const auto secs = static_cast<int>(since_midnight / core::ns_per_s);
  return {date, secs / 3600, secs / 60 % 60, secs % 60};
}
}  // namespace

std::string book_time(std::int64_t utc_ns) {
  if (utc_ns == 0) return {};
  const auto w = ist_wall(utc_ns);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%02d-%s-%04d %02d:%02d:%02d", w.date.day,
                month_names[w.date.month - 1], w.date.year, w.h, w.m, w.s);
  return buf;
}

std::string clock_time(std::int64_t utc_ns) {
  const auto w = ist_wall(utc_ns);
  char buf[16];
  std::snprintf(buf, sizeof buf, "%02d:%02d:%02d", w.h, w.m, w.s);
  return buf;
}

std::string candle_time(std::int64_t utc_ns) {
  const auto w = ist_wall(utc_ns);
  char buf[40];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d+05:30", w.date.year, w.date.month,
                w.date.day, w.h, w.m, w.s);
  return buf;
}

std::optional<std::int64_t> parse_candle_bound(std::string_view text) {
  // yyyy-MM-dd HH:mm
  if (text.size() != 16 || text[10] != ' ' || text[13] != ':') return std::nullopt;
  auto date = core::parse_date(text.substr(0, 10));
  if (!date) return std::nullopt;
  auto two = [&](std::size_t at) -> int {
    const char a = text[at], b = text[at + 1];
    if (a < '0' || a > '9' || b < '0' || b > '9') return -1;
    return (a - '0') * 10 + (b - '0');
  };
  const int h = two(11), m = two(14);
  if (h < 0 || h > 23 || m < 0 || m > 59) return std::nullopt;
  return core::ist_time_ns(*date, h * 60 + m);
}

std::optional<std::int64_t> parse_iso_time(std::string_view text) {
  if (text.size() < 16 || (text[10] != 'T' && text[10] != ' ') || text[13] != ':')
    return std::nullopt;
  auto date = core::parse_date(text.substr(0, 10));
  if (!date) return std::nullopt;
  auto digits = [&](std::size_t at, int& out) {
    if (at + 2 > text.size()) return false;
    const char a = text[at], b = text[at + 1];
    if (a < '0' || a > '9' || b < '0' || b > '9') return false;
    out = (a - '0') * 10 + (b - '0');
    return true;
  };
  int h = 0, m = 0, s = 0;
  if (!digits(11, h) || !digits(14, m) || h > 23 || m > 59) return std::nullopt;
  std::size_t at = 16;
  if (at < text.size() && text[at] == ':') {
    if (!digits(at + 1, s) || s > 59) return std::nullopt;
    at += 3;
  }
  std::int64_t offset_min = 330;  // IST unless told otherwise
  const std::string_view zone = text.substr(at);
  if (zone == "Z") {
    offset_min = 0;
  } else if (!zone.empty()) {
    int oh = 0, om = 0;
    if (zone.size() != 6 || (zone[0] != '+' && zone[0] != '-') || zone[3] != ':')
      return std::nullopt;
    const std::string_view z = zone;
    auto zd = [&](std::size_t i, int& out) {
      if (z[i] < '0' || z[i] > '9' || z[i + 1] < '0' || z[i + 1] > '9') return false;
      out = (z[i] - '0') * 10 + (z[i + 1] - '0');
      return true;
    };
    if (!zd(1, oh) || !zd(4, om)) return std::nullopt;
    offset_min = (zone[0] == '-' ? -1 : 1) * (oh * 60 + om);
  }
  const std::int64_t local = core::days_from_civil(*date) * core::ns_per_day +
                             (static_cast<std::int64_t>(h) * 3600 + m * 60 + s) * core::ns_per_s;
  return local - offset_min * 60 * core::ns_per_s;
}

}  // namespace strike::sim
