// The page of an optimisation's output directory: the summary with the deflated Sharpe ratio
// and the probability of backtest overfitting read in words, every trial in a sortable table,
// heat maps of the objective over pairs of parameters, and the walk-forward windows. Self-
// contained and deterministic as the journal's page is (report_html).
#pragma once

#include <string>

#include "daemon/report/optimize_data.hpp"

namespace strike::daemon::report {

std::string optimization_html(const optimization_data& d);

// One line on what a deflated Sharpe ratio or a probability of overfitting means for this
// search ("PBO 0.62: the best in-sample configuration ranked at or below the median out of
// sample in 62 % of splits — likely overfit").
std::string deflated_sharpe_reading(double probability, std::int64_t trials);
std::string overfitting_reading(double probability);

}  // namespace strike::daemon::report
