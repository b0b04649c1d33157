// Bar periods and the session-anchored grid of bar windows. Intraday windows start at the open
// (09:15 IST) every N minutes and the last one is cut at the close (so the last hour bar is
// 15:15-15:30); the daily window is the whole session [09:15, 15:30). Nothing outside the
// session belongs to a bar. Because every window starts at the open, a coarser window is the
// union of the finer windows inside it whenever the finer length divides the coarser one.
#pragma once

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/ist.hpp"
#include "events/enums.hpp"

namespace strike::core::market {

class bar_period {
 public:
  static constexpr bar_period of_minutes(int n) { return bar_period(n); }
  static constexpr bar_period daily() { return bar_period(0); }
  static bar_period of(events::timeframe tf);
  // "1m", "3m", "5m", "10m", "15m", "30m", "1h", "2h", "1d"; nullopt for anything else.
  static std::optional<bar_period> parse(std::string_view text);

  // The events timeframe of this period, when it is one of the five.
  std::optional<events::timeframe> timeframe() const;
  bool is_daily() const { return minutes_ == 0; }
  int minutes() const { return minutes_; }  // 0 for daily
  // How long a bar of this period nominally spans: its minutes, or a whole day for daily bars
  // (the last bar of a session may be cut short at the close).
  std::int64_t nominal_ns() const { return minutes_ == 0 ? ns_per_day : minutes_ * ns_per_minute; }
  std::string name() const;
  // Whether every window of `coarser` is a union of windows of this period.
  bool divides(bar_period coarser) const;

  bool operator==(const bar_period&) const = default;

 private:
  constexpr explicit bar_period(int minutes) : minutes_(minutes) {}
  int minutes_;
};

struct bar_window {
  std::int64_t start_ns = 0;
  std::int64_t end_ns = 0;  // exclusive
  bool operator==(const bar_window&) const = default;
};

class bar_grid {
 public:
  // IST minutes after midnight of the session open and close.
  bar_grid() : bar_grid(9 * 60 + 15, 15 * 60 + 30) {}
  bar_grid(int open_minute, int close_minute);

  // The window of period p containing ts; nullopt when ts is outside its date's session.
  std::optional<bar_window> window_of(bar_period p, std::int64_t ts) const;
  // The window of period p starting exactly at start_ns; nullopt when no window starts there.
  std::optional<bar_window> window_starting(bar_period p, std::int64_t start_ns) const;
  std::int64_t open_ns(civil_date d) const { return ist_time_ns(d, open_); }
  std::int64_t close_ns(civil_date d) const { return ist_time_ns(d, close_); }
  int open_minute() const { return open_; }
  int close_minute() const { return close_; }

 private:
  int open_;
  int close_;
};

}  // namespace strike::core::market
