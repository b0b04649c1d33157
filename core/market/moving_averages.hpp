// Simple and exponential moving averages of prices in paise. O(1) per update, no allocation
// after construction.
//
// Warm-up: SMA(n) and EMA(n) have no value until n values have been seen. EMA(n) starts from
// the SMA of its first n values and then follows e += 2/(n+1) * (x - e).
#pragma once

#include <cstdint>

#include "core/market/rolling_window.hpp"

namespace strike::core::market {

class sma {
 public:
  explicit sma(int n) : window_(n) {}
  void update(std::int64_t x) { window_.push(x); }
  bool ready() const { return window_.full(); }
  double value() const { return window_.mean(); }
  int period() const { return window_.size(); }

 private:
  rolling_window window_;
};

class ema {
 public:
  explicit ema(int n) : n_(n), alpha_(2.0 / (n + 1)) {}
  void update(double x) {
    if (count_ < n_) {
      seed_ += x;
      if (++count_ == n_) value_ = seed_ / n_;
      return;
    }
    value_ += alpha_ * (x - value_);
  }
  bool ready() const { return count_ >= n_; }
  double value() const { return value_; }
  int period() const { return n_; }

 private:
  int n_;
  double alpha_;
  int count_ = 0;
  double seed_ = 0;
  double value_ = 0;
};

}  // namespace strike::core::market
