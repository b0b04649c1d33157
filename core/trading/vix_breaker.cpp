#include "core/trading/vix_breaker.hpp"

#include <cmath>
#include <limits>

namespace strike::core::trading {

std::optional<events::payload> vix_breaker::on_vix(std::int64_t ts, double vix, bool tripped) {
  if (ts < last_ts_ || !std::isfinite(vix) || vix <= 0) return std::nullopt;
  if (last_ts_ != 0 && ts - last_ts_ > c_.max_gap_ns) calm_since_ = 0;
  last_ts_ = ts;

  // Monotonic queue of window lows: O(1) amortised per print, bounded by the prints in a window.
  while (!lows_.empty() && lows_.back().vix >= vix) lows_.pop_back();
  lows_.push_back({ts, vix});
  while (lows_.front().ts < ts - c_.window_ns) lows_.pop_front();
  const double low = lows_.front().vix;
  const double change_pct = (vix - low) / low * 100.0;

  if (!tripped) {
    calm_since_ = 0;
    if (vix >= c_.trip_level) return events::vix_breaker_tripped{vix, "level", c_.trip_level, change_pct};
    if (change_pct >= c_.jump_pct) return events::vix_breaker_tripped{vix, "jump", c_.jump_pct, change_pct};
    return std::nullopt;
  }
  if (vix >= c_.reset_level) {
    calm_since_ = 0;
    return std::nullopt;
  }
  if (calm_since_ == 0) calm_since_ = ts;
  if (ts - calm_since_ >= c_.calm_ns) {
    const std::int64_t calm = ts - calm_since_;
    calm_since_ = 0;
    return events::vix_breaker_reset{vix, calm};
  }
  return std::nullopt;
}

double vix_breaker::window_low() const {
  return lows_.empty() ? std::numeric_limits<double>::quiet_NaN() : lows_.front().vix;
}

}  // namespace strike::core::trading
