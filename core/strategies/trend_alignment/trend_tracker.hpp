// The trend of one timeframe: EMA with its slope, ADX with +DI/−DI, and RSI, updated bar by
// bar in O(1).
#pragma once

#include <array>
#include <cstdint>

#include "core/market/adx.hpp"
#include "core/market/bar.hpp"
#include "core/market/moving_averages.hpp"
#include "core/market/rsi.hpp"

namespace strike::core::strategies {

enum class trend { bull, bear, neutral };
std::string_view to_string(trend t);

struct trend_params {
  int ema_period = 20;
  int slope_bars = 3;  // the EMA's slope is measured over this many bars
  int adx_period = 14;
  int rsi_period = 14;
};

class trend_tracker {
 public:
  explicit trend_tracker(trend_params p);

  void update(const market::bar& b);
  bool ready() const;

  double ema() const { return ema_.value(); }
  // EMA now minus the EMA slope_bars bars ago, rupees per slope_bars bars.
  double ema_slope() const;
  double adx() const { return adx_.value(); }
  double plus_di() const { return adx_.plus_di(); }
  double minus_di() const { return adx_.minus_di(); }
  double rsi() const { return rsi_.value(); }
  double close() const { return close_; }

  // Bull: price above a rising EMA with +DI over −DI; bear: the mirror; else neutral. `price`
  // is the latest price (the last close, or an intraday price for a longer timeframe).
  trend direction(double price) const;

 private:
  trend_params p_;
  market::ema ema_;
  market::adx adx_;
  market::rsi rsi_;
  static constexpr int max_slope_bars = 16;
  std::array<double, max_slope_bars + 1> ema_history_{};  // ring of recent EMA values
  int bars_ = 0;
  double close_ = 0;
};

}  // namespace strike::core::strategies
