// What an optimisation writes: one JSON line per trial (its parameters, whether it meets the
// sweep's constraints, its objective and every statistic of `striked stats`), and the best
// trial's parameters as a configuration fragment.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/report/trading_stats.hpp"
#include "daemon/optimize/sweep.hpp"
#include "daemon/optimize/trial.hpp"

namespace strike::daemon::optimize {

double objective_value(objective goal, const core::report::trading_stats& s);
bool feasible(const sweep_constraints& c, const trial_outcome& t);

// {"trial":3,"params":{...},"feasible":true,"objective":1.2,"stats":{...}} and a newline; a
// trial that could not run has "error" instead of objective and stats.
std::string result_line(const sweep& s, const trial_outcome& t);

// The trial's parameters as TOML, section by section, to paste into the configuration.
std::string best_toml(const sweep& s, std::int64_t id, const std::vector<param_value>& values,
                      double objective);

}  // namespace strike::daemon::optimize
