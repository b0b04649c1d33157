// Everything the trading engine is configured with (the [trading], [ladder], [exits], [risk],
// [charges] and [vix] config sections).
#pragma once

#include <cstdint>
#include <string>

#include "core/trading/charges.hpp"
#include "core/trading/exit_rules.hpp"
#include "core/trading/instance_limits.hpp"
#include "core/trading/ladder.hpp"
#include "core/trading/order_slices.hpp"
#include "core/trading/risk.hpp"
#include "core/trading/vix_breaker.hpp"

namespace strike::core::trading {

struct trading_config {
  ladder_config ladder;
  exit_config exits;
  risk_config risk;
  charge_rates charges;
  vix_breaker_config vix;
  std::string vix_instrument = "NSE:99926017";  // India VIX
  // Failed exit orders (rejected, cancelled, expired) for one position before entries halt
  // (manual) and a person is asked to look. The exit itself goes on: a position is never
  // left without one.
  std::int64_t max_exit_attempts = 5;
  // The wait before a failed exit is sent again, re-priced from the current quote: doubling
  // from the first to the last, so a broker that keeps refusing is not hammered.
  std::int64_t exit_retry_first_ns = 1'000'000'000;
  std::int64_t exit_retry_max_ns = 30'000'000'000;
  // Units per order by underlying ([orders.freeze_qty]); empty: orders are never split.
  freeze_table freeze_qty;
  // Each strategy instance's own limits ([[strategies]]), under the account's.
  instance_table instances;
};

}  // namespace strike::core::trading
