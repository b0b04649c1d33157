// The limits of one strategy instance, under the account's: its share of the capital, its own
// position count and its own daily loss. An instance at its limit is refused or halted alone;
// the account's limits (core/trading/risk.hpp) stop every instance.
//
// Pure functions of the state; the trading engine journals their verdicts (RiskRejected with
// an "instance_..." check, TradingHalted naming the instance).
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <string_view>

#include "core/state.hpp"
#include "core/trading/risk.hpp"

namespace strike::core::trading {

struct instance_limits {
  std::int64_t capital_paise = 0;   // its share of the capital; 0: no share of its own
  std::int64_t max_positions = 0;   // open positions plus working entries; 0: the account's
  std::int64_t daily_loss_bps = 0;  // of its capital share; 0: only the account's limit
};

// By instance name. An instance not listed has no limits of its own.
using instance_table = std::map<std::string, instance_limits, std::less<>>;

// Positions held and entry orders working of one instance.
std::int64_t instance_exposure(const state& s, std::string_view instance);

// Premium paid for the positions one instance holds (paise).
std::int64_t instance_open_cost(const state& s, std::string_view instance);

// Today's net realised P&L of one instance (paise).
std::int64_t instance_realized(const state& s, std::string_view instance);

// Its loss limit in paise (negative), or 0 when it has none.
std::int64_t instance_loss_limit(const instance_limits& l);

// True when the instance's realised plus unrealised P&L today is at or below its limit.
bool instance_loss_reached(const instance_limits& l, const state& s, std::string_view instance,
                           std::int64_t unrealized_paise);

// What an instance's entry must pass after the account's checks, in order: the instance not
// halted by its own limit; below its position limit; above its loss limit; and the entry's cost
// within its capital share, less what it holds. Another instance holding the same contract is
// no reason: each keeps its own position in it (core/positions.hpp).
risk_verdict check_instance_entry(const instance_limits* l, const state& s,
                                  std::string_view instance, std::int64_t cost_paise,
                                  std::int64_t unrealized_paise);

}  // namespace strike::core::trading
