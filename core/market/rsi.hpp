// Wilder's Relative Strength Index. O(1) per update, no allocation.
//
// Warm-up: no value until n price changes have been seen (n + 1 closes). The first average
// gain and loss are the plain means of those n changes; after that each is smoothed as
// avg = (avg * (n - 1) + x) / n. RSI = 100 - 100 / (1 + avg_gain / avg_loss); 100 when there
// were gains and no losses, 50 when there was no movement at all.
#pragma once

namespace strike::core::market {

class rsi {
 public:
  explicit rsi(int n) : n_(n) {}

  void update(double close) {
    if (!has_prev_) {
      prev_ = close;
      has_prev_ = true;
      return;
    }
    const double change = close - prev_;
    prev_ = close;
    const double gain = change > 0 ? change : 0.0;
    const double loss = change < 0 ? -change : 0.0;
    if (changes_ < n_) {
      gain_ += gain;
      loss_ += loss;
      if (++changes_ == n_) {
        gain_ /= n_;
        loss_ /= n_;
      }
      return;
    }
    gain_ = (gain_ * (n_ - 1) + gain) / n_;
    loss_ = (loss_ * (n_ - 1) + loss) / n_;
  }

  bool ready() const { return changes_ >= n_; }
  double value() const {
    if (loss_ == 0) return gain_ == 0 ? 50.0 : 100.0;
    return 100.0 - 100.0 / (1.0 + gain_ / loss_);
  }
  double average_gain() const { return gain_; }
  double average_loss() const { return loss_; }
  int period() const { return n_; }

 private:
  int n_;
  int changes_ = 0;
  bool has_prev_ = false;
  double prev_ = 0;
  double gain_ = 0;  // sums during warm-up, then averages
  double loss_ = 0;
};

}  // namespace strike::core::market
