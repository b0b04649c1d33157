// Everything the trading engine is configured with (the [trading], [ladder], [exits], [risk],
// [charges] and [vix] config sections).
#pragma once

#include <cstdint>
#include <string>

#include "core/trading/charges.hpp"
#include "core/trading/exit_rules.hpp"
#include "core/trading/ladder.hpp"
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
  // Consecutive failed exit orders for one position before the engine halts and asks for a
  // person (a broker that keeps rejecting exits must not be hammered).
  std::int64_t max_exit_attempts = 5;
};

}  // namespace strike::core::trading
