// Bollinger bands and the rolling z-score, from exact rolling sums (rolling_window). O(1) per
// update, no allocation after construction.
//
// Bollinger(n, k): mid = SMA(n); upper/lower = mid +/- k * population standard deviation of
// the last n closes. z-score(n): (close - SMA(n)) / that deviation, and 0 when the deviation
// is 0. Warm-up of both: n values.
#pragma once

#include <cstdint>

#include "core/market/rolling_window.hpp"

namespace strike::core::market {

class bollinger {
 public:
  bollinger(int n, double k) : window_(n), k_(k) {}
  void update(std::int64_t x) { window_.push(x); }
  bool ready() const { return window_.full(); }
  double mid() const { return window_.mean(); }
  double upper() const { return mid() + k_ * window_.stddev(); }
  double lower() const { return mid() - k_ * window_.stddev(); }
  double stddev() const { return window_.stddev(); }

 private:
  rolling_window window_;
  double k_;
};

class zscore {
 public:
  explicit zscore(int n) : window_(n) {}
  void update(std::int64_t x) {
    window_.push(x);
    last_ = x;
  }
  bool ready() const { return window_.full(); }
  double value() const { return window_.zscore(last_); }

 private:
  rolling_window window_;
  std::int64_t last_ = 0;
};

}  // namespace strike::core::market
