#include "core/trading/exit_rules.hpp"

#include <algorithm>

#include "core/mul_div.hpp"

namespace strike::core::trading {
namespace {

using core::int128;

// price moved by bps in the position's favour (+1) or against it (-1), truncated toward zero;
// callers then round to the tick in the safe direction.
std::int64_t moved(std::int64_t price, std::int64_t bps, int direction) {
  return mul_div(price, 10'000 + direction * bps, 10'000);
}

// Whether best has gone at least bps beyond entry in the position's favour, exactly.
bool reached(std::int64_t best, std::int64_t entry, std::int64_t bps, int direction) {
  const int128 lhs = static_cast<int128>(best) * 10'000;
  const int128 rhs = static_cast<int128>(entry) * (10'000 + direction * bps);
  return direction > 0 ? lhs >= rhs : lhs <= rhs;
}

std::int64_t floor_tick(std::int64_t p, std::int64_t tick) { return p / tick * tick; }
std::int64_t ceil_tick(std::int64_t p, std::int64_t tick) { return (p + tick - 1) / tick * tick; }

// Rounds a stop so it never sits closer to the price than the rule asks: down for a long,
// up for a short.
std::int64_t stop_tick(std::int64_t p, std::int64_t tick, bool is_long) {
  return is_long ? floor_tick(p, tick) : ceil_tick(p, tick);
}

}  // namespace

std::int64_t initial_stop(const exit_config& c, std::int64_t qty, std::int64_t entry, std::int64_t tick) {
  tick = std::max<std::int64_t>(tick, 1);
  const bool is_long = qty > 0;
  return stop_tick(moved(entry, c.stop_loss_bps, is_long ? -1 : 1), tick, is_long);
}

std::int64_t initial_target(const exit_config& c, std::int64_t qty, std::int64_t entry, std::int64_t tick) {
  if (c.target_bps <= 0) return 0;
  tick = std::max<std::int64_t>(tick, 1);
  const bool is_long = qty > 0;
  const std::int64_t t = moved(entry, c.target_bps, is_long ? 1 : -1);
  return is_long ? ceil_tick(t, tick) : floor_tick(t, tick);
}

exit_verdict evaluate_exit(const exit_config& c, const exit_inputs& p, std::int64_t price) {
  exit_verdict v;
  if (p.qty == 0 || price <= 0) return v;
  const bool is_long = p.qty > 0;
  const int dir = is_long ? 1 : -1;
  const std::int64_t tick = std::max<std::int64_t>(p.tick_paise, 1);
  auto better = [&](std::int64_t a, std::int64_t b) { return is_long ? a > b : a < b; };

  const std::int64_t best = better(price, p.best_paise) || p.best_paise == 0 ? price : p.best_paise;
  std::int64_t stop = p.stop_paise;
  bool trailing = p.trailing;
  std::string reason;

  if (!trailing && reached(best, p.entry_paise, c.trail_activate_bps, dir)) {
    trailing = true;
    reason = "trail_activated";
  }
  if (trailing) {
    const std::int64_t trail_stop = stop_tick(moved(best, c.trail_bps, -dir), tick, is_long);
    if (better(trail_stop, stop) && (reason == "trail_activated" || std::abs(trail_stop - stop) >= tick)) {
      stop = trail_stop;
      if (reason.empty()) reason = "trail";
    }
  }
  if (c.break_even_bps > 0 && !p.break_even && reached(best, p.entry_paise, c.break_even_bps, dir) &&
      better(p.entry_paise, stop)) {
    stop = p.entry_paise;
    if (reason.empty()) reason = "break_even";
  }
  if (!reason.empty()) v.adjust = stop_change{stop, best, reason};

  // A price at or through the stop exits; so does one at or beyond the target.
  if (stop != 0 && !better(price, stop)) {
    v.exit_reason = trailing ? "trailing_stop" : (p.break_even || (v.adjust && v.adjust->reason == "break_even"))
                                                     ? "break_even"
                                                     : "stop_loss";
  } else if (p.target_paise != 0 && !better(p.target_paise, price)) {
    v.exit_reason = "target";
  }
  return v;
}

}  // namespace strike::core::trading
