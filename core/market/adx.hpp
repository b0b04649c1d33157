// Wilder's Directional Movement: +DI, -DI and ADX. O(1) per update, no allocation.
//
// +DM = up move when it exceeds the down move and is positive, else 0 (and symmetrically -DM),
// with up = high - prev high, down = prev low - low; TR as for ATR. Smoothing follows Wilder's
// worksheet (New Concepts in Technical Trading Systems, 1978), as TA-Lib does: the first n - 1
// values are summed, then every bar applies S = S - S/n + x. So:
//   warm-up of +DI / -DI: n + 1 bars (values from bar index n);
//   DX = 100 * |+DI - -DI| / (+DI + -DI) (0 when both are 0);
//   warm-up of ADX: 2n bars; the first ADX is the mean of the first n DX values, then
//   ADX = (ADX * (n - 1) + DX) / n.
#pragma once

#include <cmath>

#include "core/market/atr.hpp"

namespace strike::core::market {

class adx {
 public:
  explicit adx(int n) : n_(n) {}

  void update(double high, double low, double close) {
    if (bars_++ == 0) {
      remember(high, low, close);
      return;
    }
    const double up = high - prev_high_;
    const double down = prev_low_ - low;
    const double plus_dm = up > down && up > 0 ? up : 0.0;
    const double minus_dm = down > up && down > 0 ? down : 0.0;
    const double tr = true_range(high, low, prev_close_);
    remember(high, low, close);
    if (bars_ <= n_) {  // bars 1 .. n-1 are summed; bar n is the first smoothing step
      plus_ += plus_dm;
      minus_ += minus_dm;
      tr_ += tr;
      return;
    }
    plus_ += plus_dm - plus_ / n_;
    minus_ += minus_dm - minus_ / n_;
    tr_ += tr - tr_ / n_;
    plus_di_ = tr_ > 0 ? 100.0 * plus_ / tr_ : 0.0;
    minus_di_ = tr_ > 0 ? 100.0 * minus_ / tr_ : 0.0;
    const double sum = plus_di_ + minus_di_;
    const double dx = sum > 0 ? 100.0 * std::abs(plus_di_ - minus_di_) / sum : 0.0;
    if (dx_count_ < n_) {
      adx_ += dx;
      if (++dx_count_ == n_) adx_ /= n_;
      return;
    }
    adx_ = (adx_ * (n_ - 1) + dx) / n_;
  }

  bool di_ready() const { return bars_ > n_; }
  bool ready() const { return dx_count_ >= n_; }
  double plus_di() const { return plus_di_; }
  double minus_di() const { return minus_di_; }
  double value() const { return adx_; }
  int period() const { return n_; }

 private:
  void remember(double high, double low, double close) {
    prev_high_ = high;
    prev_low_ = low;
    prev_close_ = close;
  }

  int n_;
  long long bars_ = 0;
  int dx_count_ = 0;
  double prev_high_ = 0, prev_low_ = 0, prev_close_ = 0;
  double plus_ = 0, minus_ = 0, tr_ = 0;  // Wilder-smoothed sums
  double plus_di_ = 0, minus_di_ = 0;
  double adx_ = 0;  // sum of DX during warm-up, then the average
};

}  // namespace strike::core::market
