// The charts of an optimisation's page: heat maps of the objective over two parameters at a
// time, and the walk-forward windows' in-sample and out-of-sample objectives as bars.
#pragma once

#include <cstddef>
#include <string>

#include "daemon/report/optimize_data.hpp"

namespace strike::daemon::report {

// An objective's value as the page shows it: net_pnl (paise) in rupees, ratios to 3 decimals.
std::string objective_text(const std::string& objective, double value);

// Heat maps are drawn for every pair of the first max_heat_map_parameters parameters.
inline constexpr std::size_t max_heat_map_parameters = 10;
// An axis of more numeric values than this is cut into as many equal bins.
inline constexpr std::size_t max_heat_map_cells = 12;

// One map per pair of parameters, pre-rendered; a <select> shows one at a time, the first two
// parameters' first. Each cell is the best objective of the trials with those two values
// (whatever the others are), among feasible trials when it has any.
std::string heat_maps(const optimization_data& d);

// In-sample beside out-of-sample objective, a pair of bars per walk-forward window.
std::string walk_forward_chart(const optimization_data& d);

}  // namespace strike::daemon::report
