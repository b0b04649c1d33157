// The simulated underlyings: NIFTY 50, NIFTY BANK and India VIX, one level per second of
// every NSE session (09:15:00-15:30:00 IST, Monday to Friday, less the exchange holidays it is
// given). The path is a pure function of the seed, the anchor day and the anchor levels,
// so any process with the same inputs sees the same prices, whatever it asks and in what order.
//
// Daily closes follow a random walk from the anchor day's open (backwards for earlier days);
// each day's intraday path is a Brownian bridge from that day's open to its close. VIX is a
// stationary series around its anchor and sets the index volatility of each day. Scenario
// overlays (a VIX spike, a crash) multiply the path over a window of time.
//
// Not thread-safe: one owner (the simulator's reactor) asks it.
#pragma once

#include <array>
#include <cstdint>
#include <list>
#include <string>
#include <vector>

#include "core/ist.hpp"

namespace strike::sim {

enum class series : int { nifty = 0, banknifty = 1, vix = 2 };
inline constexpr int series_count = 3;
const char* series_name(series s);  // "NIFTY", "BANKNIFTY", "INDIAVIX"

inline constexpr int session_open_minute = 9 * 60 + 15;
inline constexpr int session_close_minute = 15 * 60 + 30;
inline constexpr int session_seconds = (session_close_minute - session_open_minute) * 60;  // 22500

// These four know weekends only; a price_path answers for its holidays too.
bool is_trading_day(core::civil_date d);
// d, or the last trading day before it.
core::civil_date trading_day_at_or_before(core::civil_date d);
// UTC ns of 09:15 IST and 15:30 IST on d.
std::int64_t session_open_ns(core::civil_date d);
std::int64_t session_close_ns(core::civil_date d);
// Whether t falls inside a session (open inclusive, close exclusive).
bool in_session(std::int64_t t);
// The first session open strictly after t... or at t when t is exactly an open.
std::int64_t next_session_open(std::int64_t t);

// A multiplicative move of one series: ramps linearly from 0 to change_pct over ramp_s
// seconds starting at start_ns, holds for hold_s, then returns to 0 over revert_s (0 = stays).
struct scenario {
  series target = series::vix;
  std::int64_t start_ns = 0;
  double change_pct = 0;
  std::int64_t ramp_s = 60;
  std::int64_t hold_s = 0;
  std::int64_t revert_s = 0;
  double factor_at(std::int64_t t) const;
};

struct ohlc {
  double open = 0, high = 0, low = 0, close = 0;
};

class price_path {
 public:
  // anchor_open: each series' level at 09:15 on the anchor day (the day the run starts).
  price_path(std::uint64_t seed, core::civil_date anchor,
             std::array<double, series_count> anchor_open);

  // The level at t: the second containing t during a session, the last close outside one.
  double level(series s, std::int64_t t);
  // The level at the open of trading day d, as level() gives it, without building the day.
  double open_level(series s, core::civil_date d);
  // The previous session's close as seen at t (the "close" field of quotes).
  double previous_close(series s, std::int64_t t);
  // Open, high, low and close of the session of d from its open up to t (whole session when t
  // is at or past the close). d must be a trading day.
  ohlc session_so_far(series s, core::civil_date d, std::int64_t t);
  // The raw path of d (session_seconds + 1 levels, no overlays) for candle building.
  const std::vector<double>& day_levels(series s, core::civil_date d);
  // The overlay factor at t (1 when no scenario is active).
  double overlay(series s, std::int64_t t) const;

  // Weekdays without a session. The path still has a day for each, which is never traded: the
  // next session opens with two days' moves behind it, as after a real holiday.
  void set_holidays(std::vector<core::civil_date> days);
  bool is_session_day(core::civil_date d) const;
  bool in_session(std::int64_t t) const;
  std::int64_t next_session_open(std::int64_t t) const;

  void add_scenario(const scenario& sc) { scenarios_.push_back(sc); }
  const std::vector<scenario>& scenarios() const { return scenarios_; }

 private:
  std::int64_t trading_index(core::civil_date d) const;
  core::civil_date previous_session_day(core::civil_date d) const;
  double vix_open(std::int64_t n) const;
  double index_open(series s, std::int64_t n);
  double day_close(series s, std::int64_t n);
  double day_sigma(std::int64_t n) const;
  std::vector<double> build_day(series s, std::int64_t n);

  std::uint64_t seed_;
  std::int64_t anchor_days_;
  std::array<double, series_count> anchor_open_;
  // Opens of the index series by trading-day index, grown on demand in both directions.
  std::array<std::vector<double>, 2> forward_open_;   // n = 0, 1, 2, ...
  std::array<std::vector<double>, 2> backward_open_;  // n = -1, -2, ...
  struct cached_day {
    series s;
    std::int64_t n;
    std::vector<double> levels;
  };
  std::list<cached_day> cache_;  // most recently used first, at most cache_limit entries
  static constexpr std::size_t cache_limit = 12;
  std::vector<scenario> scenarios_;
  std::vector<core::civil_date> holidays_;  // sorted
};

}  // namespace strike::sim
