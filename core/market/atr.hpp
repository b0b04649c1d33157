// Wilder's Average True Range. O(1) per update, no allocation.
//
// True range: high - low for the first bar; then max(high - low, |high - prev close|,
// |low - prev close|). Warm-up: no value until n bars; the first ATR is the mean of the first n
// true ranges, then ATR = (ATR * (n - 1) + TR) / n. (The convention of StockCharts' worked
// example, which tests/market/indicator_reference_test.cpp reproduces.)
#pragma once

#include <algorithm>
#include <cmath>

namespace strike::core::market {

inline double true_range(double high, double low, double prev_close) {
  return std::max({high - low, std::abs(high - prev_close), std::abs(low - prev_close)});
}

class atr {
 public:
  explicit atr(int n) : n_(n) {}

  void update(double high, double low, double close) {
    const double tr = count_ == 0 ? high - low : true_range(high, low, prev_close_);
    prev_close_ = close;
    if (count_ < n_) {
      value_ += tr;
      if (++count_ == n_) value_ /= n_;
      return;
    }
    value_ = (value_ * (n_ - 1) + tr) / n_;
  }

  bool ready() const { return count_ >= n_; }
  double value() const { return value_; }
  int period() const { return n_; }

 private:
  int n_;
  int count_ = 0;
  double prev_close_ = 0;
  double value_ = 0;  // sum during warm-up, then the average
};

}  // namespace strike::core::market
