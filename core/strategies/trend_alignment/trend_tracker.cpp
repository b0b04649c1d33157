#include "core/strategies/trend_alignment/trend_tracker.hpp"

#include <algorithm>

namespace strike::core::strategies {

std::string_view to_string(trend t) {
  switch (t) {
    case trend::bull: return "bull";
    case trend::bear: return "bear";
    case trend::neutral: return "neutral";
  }
  return "neutral";
}

trend_tracker::trend_tracker(trend_params p)
    : p_{p.ema_period, std::clamp(p.slope_bars, 1, max_slope_bars), p.adx_period, p.rsi_period},
      ema_(p.ema_period),
      adx_(p.adx_period),
      rsi_(p.rsi_period) {}

void trend_tracker::update(const market::bar& b) {
  // Indicators work in rupees; the bars are in paise.
  const double high = static_cast<double>(b.high) / 100.0;
  const double low = static_cast<double>(b.low) / 100.0;
  close_ = static_cast<double>(b.close) / 100.0;
  ema_.update(close_);
  adx_.update(high, low, close_);
  rsi_.update(close_);
  ema_history_[static_cast<std::size_t>(bars_ % (max_slope_bars + 1))] = ema_.value();
  ++bars_;
}

bool trend_tracker::ready() const {
  return ema_.ready() && adx_.ready() && rsi_.ready() && bars_ >= p_.ema_period + p_.slope_bars;
}

double trend_tracker::ema_slope() const {
  const int now = (bars_ - 1) % (max_slope_bars + 1);
  const int then = (bars_ - 1 - p_.slope_bars) % (max_slope_bars + 1);
  return ema_history_[static_cast<std::size_t>(now)] - ema_history_[static_cast<std::size_t>(then)];
}

trend trend_tracker::direction(double price) const {
  if (!ready()) return trend::neutral;
  const double slope = ema_slope();
  if (price > ema() && slope > 0 && plus_di() > minus_di()) return trend::bull;
  if (price < ema() && slope < 0 && minus_di() > plus_di()) return trend::bear;
  return trend::neutral;
}

}  // namespace strike::core::strategies
