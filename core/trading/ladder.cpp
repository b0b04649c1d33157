#include "core/trading/ladder.hpp"

#include <algorithm>

#include "core/mul_div.hpp"

namespace strike::core::trading {

std::int64_t reference_price(events::side side, std::int64_t ltp, std::int64_t best_bid,
                             std::int64_t best_ask) {
  if (side == events::side::buy && best_ask > 0) return best_ask;
  if (side == events::side::sell && best_bid > 0) return best_bid;
  return ltp;
}

std::int64_t round_to_tick(std::int64_t price, std::int64_t tick) {
  if (tick <= 1) return price;
  const std::int64_t down = price / tick * tick;
  const std::int64_t rest = price - down;
  return rest * 2 >= tick ? down + tick : down;
}

namespace {

// reference × bps / 10000 in whole ticks, ties away from the reference.
std::int64_t offset_ticks(std::int64_t reference, std::int64_t bps, std::int64_t tick) {
  return mul_div_round(reference, bps, 10'000 * std::max<std::int64_t>(tick, 1));
}

}  // namespace

std::int64_t step_price(const ladder_config& c, events::side side, std::int64_t reference,
                        std::int64_t tick, std::int64_t step) {
  tick = std::max<std::int64_t>(tick, 1);
  const std::int64_t base = round_to_tick(reference, tick);
  if (step <= 0) return base;
  const auto last = static_cast<std::int64_t>(c.steps_bps.size());
  const std::int64_t bps = c.steps_bps[static_cast<std::size_t>(std::min(step, last) - 1)];
  const std::int64_t ticks = offset_ticks(reference, bps, tick);
  const std::int64_t price = side == events::side::buy ? base + ticks * tick : base - ticks * tick;
  return std::max(price, tick);  // a sell is never stepped to zero or below
}

std::int64_t exit_step_price(const ladder_config& c, events::side side, std::int64_t reference,
                             std::int64_t tick, std::int64_t step) {
  tick = std::max<std::int64_t>(tick, 1);
  const auto last = static_cast<std::int64_t>(c.steps_bps.size());
  const std::int64_t bps =
      c.exit_protection_bps +
      (step > 0 && last > 0 ? c.steps_bps[static_cast<std::size_t>(std::min(step, last) - 1)] : 0);
  const std::int64_t base = round_to_tick(reference, tick);
  const std::int64_t ticks = offset_ticks(reference, bps, tick);
  const std::int64_t price = side == events::side::buy ? base + ticks * tick : base - ticks * tick;
  return std::max(price, tick);
}

std::int64_t step_wait(const ladder_config& c, events::purpose purpose) {
  return purpose == events::purpose::exit ? c.exit_step_wait_ns : c.step_wait_ns;
}

ladder_action next_ladder_action(const ladder_config& c, events::side side, events::purpose purpose,
                                 std::int64_t reference, std::int64_t tick, std::int64_t step,
                                 std::int64_t step_ns, std::int64_t now_ns) {
  const std::int64_t due = step_ns + step_wait(c, purpose);
  if (now_ns < due) return {ladder_action::kind::none, 0, 0, due};
  // The next step whose price differs from the current one: on a premium so small that a step
  // is under half a tick, that step is skipped rather than sent as a modify that changes nothing.
  const std::int64_t current = step_price(c, side, reference, tick, step);
  const auto last = static_cast<std::int64_t>(c.steps_bps.size());
  for (std::int64_t s = step + 1; s <= last; ++s) {
    const std::int64_t price = step_price(c, side, reference, tick, s);
    if (price != current) return {ladder_action::kind::step, s, price, 0};
  }
  const ladder_end end = purpose == events::purpose::entry ? c.entry_end : c.exit_end;
  return {end == ladder_end::cancel ? ladder_action::kind::cancel : ladder_action::kind::cross, 0,
          0, 0};
}

ladder_action next_exit_action(const ladder_config& c, events::side side,
                               std::int64_t live_reference, std::int64_t current, std::int64_t tick,
                               std::int64_t step, std::int64_t step_ns, std::int64_t now_ns) {
  const std::int64_t due = step_ns + c.exit_step_wait_ns;
  if (now_ns < due) return {ladder_action::kind::none, 0, 0, due};
  const auto last = static_cast<std::int64_t>(c.steps_bps.size());
  for (std::int64_t s = step + 1; s <= last; ++s) {
    std::int64_t price = exit_step_price(c, side, live_reference, tick, s);
    price = side == events::side::sell ? std::min(price, current) : std::max(price, current);
    if (price != current) return {ladder_action::kind::step, s, price, 0};
  }
  return {
      c.exit_end == ladder_end::cancel ? ladder_action::kind::cancel : ladder_action::kind::cross,
      0, 0, 0};
}

std::int64_t step_began(const ladder_config& c, events::purpose purpose, std::int64_t step_ns,
                        std::int64_t refusals) {
  const std::int64_t doublings = std::clamp<std::int64_t>(refusals, 0, 6);
  return step_ns + step_wait(c, purpose) * ((std::int64_t{1} << doublings) - 1);
}

std::int64_t step_due(const ladder_config& c, events::purpose purpose, std::int64_t step_ns,
                      std::int64_t refusals) {
  return step_began(c, purpose, step_ns, refusals) + step_wait(c, purpose);
}

}  // namespace strike::core::trading
