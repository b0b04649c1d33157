// The last n integer values (prices in paise) with their exact sum and sum of squares. Every
// statistic derived from it (mean, population variance, z-score) is computed from exact
// integers and rounded once at the end, so it never drifts however long the series runs.
// The window's storage is allocated once, at construction.
#pragma once

#include <cassert>
#include <cmath>
#include <cstdint>
#include <memory>

namespace strike::core::market {

__extension__ using int128 = __int128;

class rolling_window {
 public:
  explicit rolling_window(int n)
      : n_(n), values_(std::make_unique<std::int64_t[]>(static_cast<std::size_t>(n))) {
    assert(n > 0);
  }

  void push(std::int64_t x) {
    const std::size_t slot = static_cast<std::size_t>(count_ % n_);
    if (count_ >= n_) {
      const std::int64_t old = values_[slot];
      sum_ -= old;
      sum_sq_ -= static_cast<int128>(old) * old;
    }
    values_[slot] = x;
    sum_ += x;
    sum_sq_ += static_cast<int128>(x) * x;
    ++count_;
  }

  bool full() const { return count_ >= n_; }
  int size() const { return n_; }
  std::int64_t count() const { return count_; }
  std::int64_t sum() const { return sum_; }

  double mean() const { return static_cast<double>(sum_) / n_; }
  // n^2 times the population variance, exactly: n*sum(x^2) - (sum x)^2.
  int128 scaled_variance() const { return sum_sq_ * n_ - static_cast<int128>(sum_) * sum_; }
  double stddev() const { return std::sqrt(static_cast<double>(scaled_variance())) / n_; }
  // (x - mean) / stddev with both parts exact until the final division; 0 when stddev is 0.
  double zscore(std::int64_t x) const {
    const int128 var = scaled_variance();
    if (var == 0) return 0.0;
    const int128 dev = static_cast<int128>(x) * n_ - sum_;
    return static_cast<double>(dev) / std::sqrt(static_cast<double>(var));
  }

 private:
  int n_;
  std::unique_ptr<std::int64_t[]> values_;
  std::int64_t count_ = 0;
  std::int64_t sum_ = 0;
  int128 sum_sq_ = 0;
};

}  // namespace strike::core::market
