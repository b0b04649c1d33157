// One instrument's bars in all five timeframes, from its ticks, with gaps repaired.
//
// Ticks make 1m bars (tick_bars); 5m, 15m, 1h and daily bars are aggregated from the day's 1m
// bars when their window is complete (the clock or a tick has passed its end). A "repair" is a
// range of 1m windows whose data is missing or incomplete:
//   - minutes with no bar between two bars of the session, or between the open and the first
//     bar, or (once the session is over) between the last bar and the close;
//   - the window that was under way when the aggregator started (its first ticks were missed);
//   - the windows a feed outage touched (set_feed_down / set_feed_up).
// A repair is announced (BarGapDetected), backfilled from the broker's candles (their bars
// replace whatever the ticks made in the range) and announced again when filled (BarGapFilled).
// While a repair is open, or a minute has ended without a tick (a gap not found yet), bars at or
// after its start are held back, so every timeframe is released complete and in start order; a
// repair that cannot be filled is given up after a deadline (MarketDataRejected, source "backfill")
// and the held bars go out as they are.
//
// Steady state (ticks inside a bar, no repairs) allocates nothing; the caller reuses `output`.
#pragma once

#include <array>
#include <cstdint>
#include <limits>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/market/bar.hpp"
#include "core/market/bar_grid.hpp"
#include "core/market/candle_source.hpp"
#include "core/market/tick_bars.hpp"
#include "events/event.hpp"

namespace strike::core::market {

struct repair_options {
  std::int64_t backfill_delay_ns = 5 * ns_per_s;  // after a range's last minute ends, before asking
  std::int64_t retry_delay_ns = 10 * ns_per_s;    // between failed attempts
  int max_attempts = 3;
  std::int64_t give_up_after_ns = 120 * ns_per_s;  // after the range's last minute ends
};

struct released_bar {
  events::timeframe timeframe = events::timeframe::m1;
  bar value;
};

// What one call produced, in order: events[i].first is the number of bars released before it.
struct bar_output {
  std::vector<released_bar> bars;  // in start order within each timeframe
  std::vector<std::pair<std::size_t, events::payload>> events;  // gap and backfill events
  void add(events::payload e) { events.emplace_back(bars.size(), std::move(e)); }
  bool empty() const { return bars.empty() && events.empty(); }
  void clear() {
    bars.clear();
    events.clear();
  }
};

class instrument_bars {
 public:
  // started_ns: when this aggregator began to see ticks (a window under way then is incomplete).
  instrument_bars(std::string instrument, bar_grid grid, std::int64_t started_ns,
                  repair_options options = {});

  // Restores today's state after a restart: the day's stored 1m bars (sorted) and, per coarse
  // timeframe (5m, 15m, 1h, 1d), the start of the last stored bar of the day (nullopt: none).
  void seed(std::span<const bar> today_1m,
            const std::array<std::optional<std::int64_t>, 4>& last_coarse);

  tick_outcome on_tick(const tick& t, bar_output& out);
  void on_time(std::int64_t now_ns, bar_output& out);

  // The feed stopped delivering at since_ns / resumed at at_ns (the windows between are repaired).
  void set_feed_down(std::int64_t since_ns);
  void set_feed_up(std::int64_t at_ns, bar_output& out);

  // Backfill requests that may go out at now_ns; each is marked in flight.
  void due_requests(std::int64_t now_ns, std::vector<candle_request>& out);
  // The answer to request `id`. Unknown ids (a repair already given up) are ignored.
  void on_candles(std::uint64_t id, const candle_reply& reply, std::int64_t now_ns,
                  bar_output& out);

  const std::string& name() const { return name_; }
  std::size_t open_repairs() const { return repairs_.size(); }

 private:
  struct repair {
    std::uint64_t id = 0;
    std::int64_t from = 0;  // first 1m window start
    std::int64_t to = 0;    // last 1m window start; open_end while the feed is down
    int attempts = 0;
    bool in_flight = false;
    std::int64_t next_try = 0;
    std::int64_t deadline = std::numeric_limits<std::int64_t>::max();
  };
  static constexpr std::int64_t open_end = std::numeric_limits<std::int64_t>::max();

  void start_day(std::int64_t day);
  void on_new_window(std::int64_t start, bar_output& out);
  void add_repair(std::int64_t from, std::int64_t to, bar_output& out);
  void close_minute(const bar& b);
  void check_trailing_gap(bar_output& out);
  void give_up(std::size_t index, const std::string& why, bar_output& out);
  void fill(std::size_t index, std::span<const bar> candles, bar_output& out);
  void release(bar_output& out);
  std::int64_t blocked_from() const;
  std::int64_t day_open() const;
  std::int64_t day_close() const;

  std::string name_;
  bar_grid grid_;
  std::int64_t started_ns_;
  repair_options options_;
  tick_bars minutes_;
  std::int64_t day_ = std::numeric_limits<std::int64_t>::min();  // IST days since epoch
  std::vector<bar> day_bars_;  // today's closed 1m bars, sorted by start
  std::int64_t released_until_ =
      std::numeric_limits<std::int64_t>::min();  // 1m starts below are out
  std::array<std::int64_t, 4> coarse_next_{};    // next window start per coarse timeframe
  std::optional<std::int64_t> last_seen_;        // latest 1m window start with data today
  std::int64_t frontier_ = std::numeric_limits<std::int64_t>::min();  // max of clock and tick time
  bool trailing_checked_ = false;
  // Until the first window opens after the start (or the close is checked), the minutes between
  // the last stored bar and the start are unknown: they may be a gap not yet found.
  bool awaiting_first_window_ = true;
  std::optional<std::int64_t> feed_down_since_;
  std::vector<repair> repairs_;
  std::uint64_t next_id_ = 1;
};

}  // namespace strike::core::market
