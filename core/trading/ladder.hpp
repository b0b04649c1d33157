// The order ladder: a limit order that starts at the reference price and, while unfilled,
// steps away from it (buys up, sells down) by a table of offsets, then gives up or crosses.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "events/enums.hpp"

namespace strike::core::trading {

enum class ladder_end { cancel, cross };  // what to do when the last step has waited out

struct ladder_config {
  std::vector<std::int64_t> steps_bps{25, 50, 75, 100};  // offsets from the reference, basis points
  std::int64_t step_wait_ns = 5'000'000'000;             // time at each price before the next
  // Exits chase faster: a falling market does not wait five seconds a step.
  std::int64_t exit_step_wait_ns = 1'000'000'000;
  // Every exit price is this much beyond the live reference (below the bid, to sell): a limit
  // through the touch still fills at the touch, and the margin covers the market moving while
  // the order travels. Price protection, the way brokers send "market" orders.
  std::int64_t exit_protection_bps = 100;
  ladder_end entry_end = ladder_end::cancel;
  ladder_end exit_end = ladder_end::cross;
};

// The reference a ladder steps from: the best ask for a buy and the best bid for a sell when
// depth is known (non-zero), else the last price.
std::int64_t reference_price(events::side side, std::int64_t ltp, std::int64_t best_bid,
                             std::int64_t best_ask);

// Price of step `step` (0 = the reference itself) on tick size `tick`: the reference moved
// steps_bps[step-1] basis points away from it, rounded to the nearest tick (ties away from the
// reference). The table is a cap on how far the ladder chases: no step goes beyond it.
std::int64_t step_price(const ladder_config& c, events::side side, std::int64_t reference,
                        std::int64_t tick, std::int64_t step);

// Rounds a price to a multiple of tick, nearest, ties away from zero.
std::int64_t round_to_tick(std::int64_t price, std::int64_t tick);

// What the ladder does next for a working order.
struct ladder_action {
  enum class kind { none, step, cancel, cross } what = kind::none;
  std::int64_t step = 0;         // for step: the new step number
  std::int64_t price_paise = 0;  // for step: the new limit price
  std::int64_t due_ns = 0;       // for none: when to look again (0 = nothing scheduled)
};

// An exit's price at step `step` from the live reference: the protection plus the step's offset
// beyond it, on the tick, never below one tick.
std::int64_t exit_step_price(const ladder_config& c, events::side side, std::int64_t reference,
                             std::int64_t tick, std::int64_t step);

// The time at each step for an order of this purpose.
std::int64_t step_wait(const ladder_config& c, events::purpose purpose);

// When the current step's wait began, for an order after `refusals` modifies or cancels in a
// row that the broker did not take: each refusal doubles the wait, up to 64 times.
std::int64_t step_began(const ladder_config& c, events::purpose purpose, std::int64_t step_ns,
                        std::int64_t refusals);
// When that step's wait ends: the ladder's next action, or a refused cancel's next try.
std::int64_t step_due(const ladder_config& c, events::purpose purpose, std::int64_t step_ns,
                      std::int64_t refusals);

// Given the current step and when it was placed, what is due at `now`. Steps whose price
// equals the current one (under half a tick away) are skipped.
ladder_action next_ladder_action(const ladder_config& c, events::side side, events::purpose purpose,
                                 std::int64_t reference, std::int64_t tick, std::int64_t step,
                                 std::int64_t step_ns, std::int64_t now_ns);

// The exit ladder chases the live market: each step is priced from the current reference (the
// bid, to sell) rather than the one the exit started from, and never backs away from the
// order's current price (a sell is never raised). `current` is the order's limit price.
ladder_action next_exit_action(const ladder_config& c, events::side side,
                               std::int64_t live_reference, std::int64_t current, std::int64_t tick,
                               std::int64_t step, std::int64_t step_ns, std::int64_t now_ns);

}  // namespace strike::core::trading
