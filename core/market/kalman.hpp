// A Kalman-filter estimate of the mean price and the z-score of the price against it.
// O(1) per update, no allocation after construction.
//
// Model: a local level. The hidden mean follows a random walk with variance q per bar; each
// close is the mean plus noise of variance 1 (only the ratio q matters for the mean). Per bar:
//   P- = P + q;  K = P- / (P- + 1);  mean += K * (close - mean);  P = (1 - K) * P-
// starting from mean = first close, P = 1. The residual e = close - mean (after the update);
// z = e / (population standard deviation of the last n residuals), 0 when that is 0.
// Warm-up: no value (mean or z) until n closes. Defaults: q = 0.01 (a steady-state gain of
// about 0.095, close to a 20-bar EMA), n = 20.
#pragma once

#include <cmath>
#include <cstdint>
#include <memory>

namespace strike::core::market {

// Neumaier-compensated running sum: adding and removing values leaves no drift worth naming.
class compensated_sum {
 public:
  void add(double x) {
    const double t = sum_ + x;
    c_ += std::abs(sum_) >= std::abs(x) ? (sum_ - t) + x : (x - t) + sum_;
    sum_ = t;
  }
  double value() const { return sum_ + c_; }

 private:
  double sum_ = 0;
  double c_ = 0;
};

class kalman_mean {
 public:
  explicit kalman_mean(double q = 0.01, int n = 20)
      : q_(q), n_(n), residuals_(std::make_unique<double[]>(static_cast<std::size_t>(n))) {}

  void update(double close) {
    if (count_ == 0) {
      mean_ = close;
      p_ = 1.0;
    } else {
      const double prior = p_ + q_;
      const double gain = prior / (prior + 1.0);
      mean_ += gain * (close - mean_);
      p_ = (1.0 - gain) * prior;
    }
    const double e = close - mean_;
    const std::size_t slot = static_cast<std::size_t>(count_ % n_);
    if (count_ >= n_) {
      sum_.add(-residuals_[slot]);
      sum_sq_.add(-residuals_[slot] * residuals_[slot]);
    }
    residuals_[slot] = e;
    sum_.add(e);
    sum_sq_.add(e * e);
    last_ = e;
    ++count_;
  }

  bool ready() const { return count_ >= n_; }
  double mean() const { return mean_; }
  double gain_variance() const { return p_; }
  double zscore() const {
    const double m = sum_.value() / n_;
    const double var = sum_sq_.value() / n_ - m * m;
    // Rounding can leave a hair of variance where there is none; below this it is none.
    if (!(var > 1e-24 * (mean_ * mean_ + 1.0))) return 0.0;
    return last_ / std::sqrt(var);
  }
  double q() const { return q_; }
  int period() const { return n_; }

 private:
  double q_;
  int n_;
  std::unique_ptr<double[]> residuals_;
  std::int64_t count_ = 0;
  double mean_ = 0;
  double p_ = 0;
  double last_ = 0;
  compensated_sum sum_;
  compensated_sum sum_sq_;
};

}  // namespace strike::core::market
