// check_candles(): the checks that look at rows together (see candle_file.hpp).
#include <algorithm>
#include <array>
#include <limits>
#include <map>
#include <numeric>

#include "core/clock.hpp"
#include "core/market/candle_file.hpp"
#include "core/market/candle_time.hpp"
#include "core/session/session_hours.hpp"

namespace strike::core::market {
namespace {

std::int64_t day_of(std::int64_t ts) {
  return days_from_civil(ist_date(ts));
}

std::string hhmm(std::int64_t ts) {
  return format_minutes(ist_minute_of_day(ts));
}

// The file's period: daily when no date has two candles; otherwise the longest known period
// whose 09:15-anchored grid holds every whole-minute, in-session start (so candles missing here
// and there do not change the answer, and a stray misaligned candle is left for the grid check).
bar_period infer_period(const std::vector<std::int64_t>& starts, const bar_grid& grid) {
  std::map<std::int64_t, int> per_day;
  for (const std::int64_t t : starts) ++per_day[day_of(t)];
  if (std::all_of(per_day.begin(), per_day.end(), [](const auto& e) { return e.second == 1; }))
    return bar_period::daily();
  std::int64_t g = 0;
  for (const std::int64_t t : starts) {
    if (!grid.window_of(bar_period::of_minutes(1), t) ||
        (t - grid.open_ns(ist_date(t))) % ns_per_minute != 0)
      continue;
    g = std::gcd(g, (t - grid.open_ns(ist_date(t))) / ns_per_minute);
  }
  for (int minutes : {120, 60, 30, 15, 10, 5, 3})
    if (g != 0 && g % minutes == 0) return bar_period::of_minutes(minutes);
  return bar_period::of_minutes(1);
}

}  // namespace

candle_series check_candles(candle_data& data, const check_options& options) {
  candle_series out;
  auto add = [&](int line, const char* field, std::string message, bool warning = false) {
    data.problems.push_back({line, field, std::move(message), warning});
  };
  out.period = options.period ? *options.period : infer_period(data.starts, options.grid);
  const bar_period period = *out.period;
  const bar_grid& grid = options.grid;

  std::map<std::int64_t, int> seen;  // start -> line
  std::int64_t last_start = std::numeric_limits<std::int64_t>::min();
  int last_line = 0;
  std::int64_t last_warned_day = -1;
  for (const auto& row : data.rows) {
    bar b = row.value;
    const civil_date date = ist_date(b.start_ns);
    if (period.is_daily()) {
      // Daily candles are labelled 00:00 (Angel One) or 09:15; either way the bar is the session.
      const int minute = ist_minute_of_day(b.start_ns);
      if (minute != 0 && minute != grid.open_minute())
        add(row.line, "timestamp",
            "a daily candle at " + hhmm(b.start_ns) + ": expected 00:00 or 09:15", true);
      b.start_ns = grid.open_ns(date);
    } else if (!grid.window_of(period, b.start_ns)) {
      add(row.line, "timestamp", hhmm(b.start_ns) + " is outside the session 09:15-15:30");
      continue;
    } else if (!grid.window_starting(period, b.start_ns)) {
      add(row.line, "timestamp",
          format_candle_time(row.value.start_ns) + " is not the start of a " + period.name() +
              " bar (bars start at 09:15 and every " + period.name() + " after)");
      continue;
    }
    if (auto dup = seen.find(b.start_ns); dup != seen.end()) {
      add(row.line, "timestamp",
          "duplicate: the same " + period.name() + " bar as line " + std::to_string(dup->second));
      continue;
    }
    if (b.start_ns < last_start) {
      add(row.line, "timestamp",
          "goes back in time: " + format_candle_time(b.start_ns) + " after line " +
              std::to_string(last_line) + "'s " + format_candle_time(last_start));
      continue;
    }
    seen.emplace(b.start_ns, row.line);
    const std::int64_t day = days_from_civil(date);
    if (options.calendar && day != last_warned_day && !options.calendar->is_trading_day(date)) {
      add(row.line, "timestamp",
          format_date(date) + " is not a trading day (" + options.calendar->closed_reason(date) +
              ")",
          true);
      last_warned_day = day;
    }
    if (!period.is_daily()) {
      const std::int64_t expected =
          last_start != std::numeric_limits<std::int64_t>::min() && day_of(last_start) == day
              ? grid.window_starting(period, last_start)->end_ns
              : grid.open_ns(date);
      if (b.start_ns > expected) {
        const std::int64_t missing =
            (b.start_ns - expected + period.minutes() * ns_per_minute - 1) /
            (period.minutes() * ns_per_minute);
        add(row.line, "timestamp",
            std::to_string(missing) + " " + period.name() +
                " candle(s) missing before this one (from " + hhmm(expected) + ")",
            true);
      }
    }
    last_start = b.start_ns;
    last_line = row.line;
    out.bars.push_back(b);
  }
  return out;
}

}  // namespace strike::core::market
