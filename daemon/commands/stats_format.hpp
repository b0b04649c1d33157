// The trading statistics as a table for people and as JSON for programs; `striked stats` and
// `striked backtest` print the same table.
#pragma once

#include <string>

#include "core/report/trading_stats.hpp"

namespace strike::daemon {

std::string stats_table(const core::report::trading_stats& s);
std::string stats_json(const core::report::trading_stats& s);

}  // namespace strike::daemon
