// One-minute bars of instruments no strategy reads bars of (the option contracts a daemon is
// quoted), built from their ticks for the record only: the bar files a later backtest replays
// (`striked backtest --data`). Nothing here feeds a strategy, journals an event or repairs a
// gap; a minute without a tick simply has no bar, as an exchange's own minute data has none.
//
// A bar is handed on when a tick of a later minute arrives or the clock passes its end by the
// grace a late tick may take; a tick of a minute already handed on is dropped.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <string>

#include "core/clock.hpp"
#include "core/market/bar.hpp"
#include "core/market/bar_grid.hpp"
#include "core/market/tick.hpp"

namespace strike::core::market {

class minute_recorder {
 public:
  using sink = std::function<void(const std::string& instrument, const bar& b)>;

  minute_recorder(bar_grid grid, sink out, std::int64_t grace_ns = 2 * ns_per_s)
      : grid_(grid), out_(std::move(out)), grace_ns_(grace_ns) {}

  void on_tick(const std::string& instrument, const tick& t);
  void on_time(std::int64_t now_ns);

 private:
  struct series {
    bar open{};
    bool has_open = false;
    std::int64_t last_day_volume = -1;  // the previous tick's cumulative volume; -1 before one
    std::int64_t handed_until_ns = 0;   // end of the last bar handed on
  };

  void hand_on(const std::string& instrument, series& s);

  bar_grid grid_;
  sink out_;
  std::int64_t grace_ns_;
  std::map<std::string, series, std::less<>> series_;
};

}  // namespace strike::core::market
