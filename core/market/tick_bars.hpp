// Ticks of one instrument into bars of one period. A bar closes on the first tick past its end
// or when on_time() is called with a time at or past its end, whichever comes first.
//
// Volume: ticks carry the cumulative volume of the day (SmartStream's "volume traded today");
// a tick's own volume is the increase since the previous tick of the same IST date. The first
// tick of a date counts its whole cumulative volume only when it arrives in the first minute of
// the session (the pre-open's volume is then included); any later first tick (a start in the
// middle of the day) only sets the baseline, because the volume before it belongs to bars this
// aggregator never saw. A cumulative volume that drops is a counter reset: the tick's volume is
// its new cumulative value. Open interest is carried forward: a bar's oi is the last non-zero
// oi seen up to its close.
//
// Rejected ticks (bad price or volume, time going backwards, an exact repeat of the previous
// tick, or a tick for a bar that already closed) change nothing and say why.
#pragma once

#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/market/bar.hpp"
#include "core/market/bar_grid.hpp"
#include "core/market/tick.hpp"

namespace strike::core::market {

class volume_counter {
 public:
  explicit volume_counter(bar_grid grid) : grid_(grid) {}
  // The tick's own volume; call once per accepted tick, in time order.
  std::int64_t delta(const tick& t);
  std::int64_t resets() const { return resets_; }

 private:
  bar_grid grid_;
  std::int64_t day_start_ = 0;  // [day_start_, day_end_): the IST date of the last tick, in UTC ns
  std::int64_t day_end_ = 0;
  std::int64_t last_ = 0;  // its cumulative volume
  std::int64_t resets_ = 0;
};

struct tick_outcome {
  std::string_view rejected;     // empty when accepted; else a MarketDataRejected reason
  std::string detail;            // why, for people (set only on rejection)
  std::optional<bar> closed;     // the bar this tick closed
  bool outside_session = false;  // accepted (for volume) but in no bar window
};

class tick_bars {
 public:
  tick_bars(bar_period period, bar_grid grid) : period_(period), grid_(grid), volume_(grid) {}

  tick_outcome on_tick(const tick& t);
  // The open bar when now_ns has reached its end.
  std::optional<bar> on_time(std::int64_t now_ns);

  // Ticks before t are late from now on (bars up to t were closed by an earlier run).
  void mark_closed_until(std::int64_t t) { closed_until_ = std::max(closed_until_, t); }

  const std::optional<bar>& open_bar() const { return open_; }
  std::int64_t open_end_ns() const { return open_end_; }
  std::int64_t volume_resets() const { return volume_.resets(); }

 private:
  std::optional<bar> close_open();

  bar_period period_;
  bar_grid grid_;
  volume_counter volume_;
  std::optional<bar> open_;
  std::int64_t open_end_ = 0;
  std::optional<tick> last_;       // last accepted tick
  std::int64_t closed_until_ = 0;  // end of the last closed window: earlier ticks are late
  std::int64_t oi_ = 0;            // last non-zero open interest
};

}  // namespace strike::core::market
