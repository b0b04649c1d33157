// Two simple moving averages of one price series, a fast and a slow one, and the side of the slow
// average the fast one is on. O(1) per price and no allocation after construction: both averages
// are running sums over one ring of the last `slow` prices, in integer paise, so they are exact
// and comparing them never drifts however long the series runs.
//
// Side: the fast average is above the slow one (+1) or below it (-1); on a tie it keeps the side
// it was last on. A crossing is a change of side. Both averages need `slow` prices before there
// is a side at all, and that first side is not a crossing.
#pragma once

#include <cassert>
#include <cstdint>
#include <memory>

namespace strike::core::strategies {

enum class crossing { none, up, down };

class crossover_tracker {
 public:
  // 1 <= fast < slow.
  crossover_tracker(int fast, int slow)
      : fast_(fast),
        slow_(slow),
        ring_(std::make_unique<std::int64_t[]>(static_cast<std::size_t>(slow))) {
    assert(fast >= 1 && fast < slow);
  }

  // Takes the next price (paise) and says whether the fast average crossed the slow one with it.
  crossing update(std::int64_t price) {
    // The ring starts zeroed, so while it fills the prices leaving the windows count as 0.
    std::int64_t fast_leaving = head_ + slow_ - fast_;
    if (fast_leaving >= slow_) fast_leaving -= slow_;
    fast_sum_ += price - ring_[static_cast<std::size_t>(fast_leaving)];
    slow_sum_ += price - ring_[static_cast<std::size_t>(head_)];
    ring_[static_cast<std::size_t>(head_)] = price;
    if (++head_ == slow_) head_ = 0;
    if (seen_ < slow_ && ++seen_ < slow_) return crossing::none;

    // fast_sum / fast against slow_sum / slow, cross-multiplied: exact, no division.
    const wide lhs = static_cast<wide>(fast_sum_) * slow_;
    const wide rhs = static_cast<wide>(slow_sum_) * fast_;
    const int now = lhs > rhs ? 1 : lhs < rhs ? -1 : 0;
    if (now == side_ || now == 0) return crossing::none;
    const int was = side_;
    side_ = now;
    if (was == 0) return crossing::none;
    return now > 0 ? crossing::up : crossing::down;
  }

  bool ready() const { return seen_ >= slow_; }
  // +1 fast above slow, -1 below, 0 before the first side is known.
  int side() const { return side_; }
  double fast_average() const {
    return static_cast<double>(fast_sum_) / static_cast<double>(fast_);
  }
  double slow_average() const {
    return static_cast<double>(slow_sum_) / static_cast<double>(slow_);
  }
  int fast_period() const { return static_cast<int>(fast_); }
  int slow_period() const { return static_cast<int>(slow_); }

 private:
  __extension__ using wide = __int128;

  std::int64_t fast_;
  std::int64_t slow_;
  std::unique_ptr<std::int64_t[]> ring_;  // the last `slow` prices; head_ holds the oldest
  std::int64_t head_ = 0;
  std::int64_t seen_ = 0;  // prices seen, counted up to slow_
  std::int64_t fast_sum_ = 0;
  std::int64_t slow_sum_ = 0;
  int side_ = 0;
};

}  // namespace strike::core::strategies
