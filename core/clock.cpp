#include "core/clock.hpp"

#include <algorithm>
#include <cassert>
#include <cmath>

#include "core/ist.hpp"

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

namespace {

// Market hours are laid out this many days ahead; past them the clock keeps its last rate.
constexpr int knot_horizon_days = 3 * 366;

}  // namespace

scaled_clock::scaled_clock(std::int64_t market_start_ns, double speed)
    : scaled_clock(market_start_ns, speed, 0, 0) {}

scaled_clock::scaled_clock(std::int64_t market_start_ns, double speed, std::int64_t wall_anchor_ns,
                           double closed_speed)
    : steady_start_(std::chrono::steady_clock::now()), speed_(speed) {
  assert(speed > 0 && closed_speed >= 0);
  if (wall_anchor_ns != 0)
    steady_start_ -= std::chrono::nanoseconds(system_clock{}.now_ns() - wall_anchor_ns);
  if (closed_speed == 0 || closed_speed == speed) {
    knots_.push_back({0, market_start_ns, speed});
    return;
  }
  // Alternate closed and open stretches day by day. Real time is accumulated in double from the
  // same inputs in the same order, so every process computes the same knots.
  double real = 0;
  std::int64_t market = market_start_ns;
  auto run_until = [&](std::int64_t until, double rate) {
    if (market >= until) return;
    if (knots_.empty() || knots_.back().rate != rate) knots_.push_back({real, market, rate});
    real += static_cast<double>(until - market) / rate;
    market = until;
  };
  const std::int64_t first_day = days_from_civil(ist_date(market_start_ns));
  for (std::int64_t day = first_day; day < first_day + knot_horizon_days; ++day) {
    const civil_date d = civil_from_days(day);
    const int wd = weekday(d);
    if (wd == 0 || wd == 6) continue;
    run_until(ist_time_ns(d, open_window_from), closed_speed);
    run_until(ist_time_ns(d, open_window_to), speed);
  }
  run_until(market + 1, closed_speed);
}

std::int64_t scaled_clock::market_at(double real_ns) const {
  auto it = std::upper_bound(knots_.begin(), knots_.end(), real_ns,
                             [](double r, const knot& k) { return r < k.real_ns; });
  const knot& k = it == knots_.begin() ? knots_.front() : *std::prev(it);
  return k.market_ns + static_cast<std::int64_t>(std::llround((real_ns - k.real_ns) * k.rate));
}

double scaled_clock::real_at(std::int64_t market_ns) const {
  auto it = std::upper_bound(knots_.begin(), knots_.end(), market_ns,
                             [](std::int64_t m, const knot& k) { return m < k.market_ns; });
  const knot& k = it == knots_.begin() ? knots_.front() : *std::prev(it);
  return k.real_ns + static_cast<double>(market_ns - k.market_ns) / k.rate;
}

std::int64_t scaled_clock::now_ns() const {
  const auto real = std::chrono::duration_cast<std::chrono::nanoseconds>(
                        std::chrono::steady_clock::now() - steady_start_)
                        .count();
  return market_at(static_cast<double>(real));
}

std::int64_t scaled_clock::real_ns_until(std::int64_t t) const {
  const auto real = std::chrono::duration_cast<std::chrono::nanoseconds>(
                        std::chrono::steady_clock::now() - steady_start_)
                        .count();
  return static_cast<std::int64_t>(std::llround(real_at(t) - static_cast<double>(real)));
}

}  // namespace strike::core
