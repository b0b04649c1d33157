// The VIX circuit breaker: trips when India VIX is at or above a level, or has risen by more
// than a percentage within a window; resets only after VIX has stayed below the reset level for
// a set time. Tripping exits every position and blocks entries (the engine does that); this
// class only decides when.
#pragma once

#include <cstdint>
#include <deque>
#include <optional>

#include "events/event.hpp"

namespace strike::core::trading {

struct vix_breaker_config {
  double trip_level = 25.0;
  double jump_pct = 15.0;                       // rise from the window's low, percent
  std::int64_t window_ns = 15LL * 60 * 1'000'000'000;
  double reset_level = 20.0;
  std::int64_t calm_ns = 30LL * 60 * 1'000'000'000;  // below reset_level this long to reset
  // Prints further apart than this (the night, a feed outage) break the calm: it must be seen,
  // not assumed across a gap with no prints.
  std::int64_t max_gap_ns = 5LL * 60 * 1'000'000'000;
};

class vix_breaker {
 public:
  explicit vix_breaker(vix_breaker_config c) : c_(c) {}

  // Feeds one VIX print. `tripped` is the journaled state. Returns VixBreakerTripped or
  // VixBreakerReset when one is due. Prints must arrive in time order; older ones are ignored.
  std::optional<events::payload> on_vix(std::int64_t ts_ns, double vix, bool tripped);

  // The lowest VIX within the window, for status (NaN before any print).
  double window_low() const;

 private:
  struct sample {
    std::int64_t ts;
    double vix;
  };

  vix_breaker_config c_;
  std::deque<sample> lows_;  // increasing VIX from front to back: the front is the window's low
  std::int64_t last_ts_ = 0;
  std::int64_t calm_since_ = 0;  // 0 while VIX is at or above the reset level
};

}  // namespace strike::core::trading
