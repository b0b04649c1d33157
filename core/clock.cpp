#include "core/clock.hpp"

#include <cassert>
#include <cmath>

namespace strike::core {

std::int64_t system_clock::now_ns() const {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

void virtual_clock::advance_to(std::int64_t t) {
  std::int64_t cur = now_.load(std::memory_order_acquire);
  while (t > cur && !now_.compare_exchange_weak(cur, t, std::memory_order_acq_rel)) {
  }
}

scaled_clock::scaled_clock(std::int64_t market_start_ns, double speed)
    : market_start_ns_(market_start_ns), steady_start_(std::chrono::steady_clock::now()), speed_(speed) {
  assert(speed > 0);
}

scaled_clock::scaled_clock(std::int64_t market_start_ns, double speed, std::int64_t wall_anchor_ns)
    : scaled_clock(market_start_ns, speed) {
  const std::int64_t since_anchor = system_clock{}.now_ns() - wall_anchor_ns;
  steady_start_ -= std::chrono::nanoseconds(since_anchor);
}

std::int64_t scaled_clock::now_ns() const {
  const auto real = std::chrono::duration_cast<std::chrono::nanoseconds>(
                        std::chrono::steady_clock::now() - steady_start_)
                        .count();
  return market_start_ns_ + static_cast<std::int64_t>(std::llround(static_cast<double>(real) * speed_));
}

std::int64_t scaled_clock::real_ns_until(std::int64_t t) const {
  return static_cast<std::int64_t>(std::llround(static_cast<double>(t - now_ns()) / speed_));
}

}  // namespace strike::core
