// How far the index has stretched from its mean, and whether it is trending: a Kalman mean of
// the closes with the z-score of the latest close against it, and Wilder's ADX, over one
// timeframe's bars, updated bar by bar in O(1).
#pragma once

#include <algorithm>
#include <cassert>
#include <cstdint>

#include "core/market/adx.hpp"
#include "core/market/bar.hpp"
#include "core/market/kalman.hpp"

namespace strike::core::strategies {

class reversion_tracker {
 public:
  reversion_tracker(double kalman_q, int zscore_window, int adx_period)
      : mean_(kalman_q, zscore_window), adx_(adx_period) {
    assert(kalman_q > 0 && zscore_window >= 1 && adx_period >= 1);
  }

  // Bars in start order; indicators work in rupees, bars are in paise.
  void update(const market::bar& b) {
    const double close = static_cast<double>(b.close) / 100.0;
    mean_.update(close);
    adx_.update(static_cast<double>(b.high) / 100.0, static_cast<double>(b.low) / 100.0, close);
    close_ = close;
    ++bars_;
  }

  // The bars after which every value is defined and the Kalman gain has settled: its first
  // window of residuals is taken while the gain is still falling from 0.5, so a second window.
  static int warmup_bars(int zscore_window, int adx_period) {
    return std::max(2 * zscore_window, 2 * adx_period) + 5;
  }
  bool ready() const { return mean_.ready() && adx_.ready(); }

  double mean() const { return mean_.mean(); }
  // Latest close minus the mean, in standard deviations of the recent residuals.
  double zscore() const { return mean_.zscore(); }
  double adx() const { return adx_.value(); }
  double close() const { return close_; }
  std::int64_t bars() const { return bars_; }

 private:
  market::kalman_mean mean_;
  market::adx adx_;
  double close_ = 0;
  std::int64_t bars_ = 0;
};

}  // namespace strike::core::strategies
