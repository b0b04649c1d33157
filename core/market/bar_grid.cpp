#include "core/market/bar_grid.hpp"

#include <algorithm>
#include <array>
#include <cassert>

namespace strike::core::market {

namespace {
struct named_period {
  std::string_view name;
  int minutes;
};
constexpr std::array<named_period, 9> names{{{"1m", 1},
                                             {"3m", 3},
                                             {"5m", 5},
                                             {"10m", 10},
                                             {"15m", 15},
                                             {"30m", 30},
                                             {"1h", 60},
                                             {"2h", 120},
                                             {"1d", 0}}};
}  // namespace

bar_period bar_period::of(events::timeframe tf) {
  switch (tf) {
    case events::timeframe::m1:
      return of_minutes(1);
    case events::timeframe::m5:
      return of_minutes(5);
    case events::timeframe::m15:
      return of_minutes(15);
    case events::timeframe::h1:
      return of_minutes(60);
    case events::timeframe::d1:
      return daily();
  }
  assert(false);
  return daily();
}

std::optional<bar_period> bar_period::parse(std::string_view text) {
  for (const auto& n : names)
    if (n.name == text) return bar_period(n.minutes);
  return std::nullopt;
}

std::optional<events::timeframe> bar_period::timeframe() const {
  switch (minutes_) {
    case 1:
      return events::timeframe::m1;
    case 5:
      return events::timeframe::m5;
    case 15:
      return events::timeframe::m15;
    case 60:
      return events::timeframe::h1;
    case 0:
      return events::timeframe::d1;
    default:
      return std::nullopt;
  }
}

std::string bar_period::name() const {
  for (const auto& n : names)
    if (n.minutes == minutes_) return std::string(n.name);
  return std::to_string(minutes_) + "m";
}

bool bar_period::divides(bar_period coarser) const {
  if (coarser.is_daily()) return true;
  if (is_daily()) return false;
  return coarser.minutes_ % minutes_ == 0;
}

bar_grid::bar_grid(int open_minute, int close_minute) : open_(open_minute), close_(close_minute) {
  assert(0 <= open_ && open_ < close_ && close_ <= 24 * 60);
}

std::optional<bar_window> bar_grid::window_of(bar_period p, std::int64_t ts) const {
  const civil_date d = ist_date(ts);
  const std::int64_t open = open_ns(d);
  const std::int64_t close = close_ns(d);
  if (ts < open || ts >= close) return std::nullopt;
  if (p.is_daily()) return bar_window{open, close};
  const std::int64_t length = p.minutes() * ns_per_minute;
  const std::int64_t start = open + (ts - open) / length * length;
  return bar_window{start, std::min(start + length, close)};
}

std::optional<bar_window> bar_grid::window_starting(bar_period p, std::int64_t start_ns) const {
  auto w = window_of(p, start_ns);
  if (!w || w->start_ns != start_ns) return std::nullopt;
  return w;
}

}  // namespace strike::core::market
