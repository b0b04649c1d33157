// The report's charts, each an inline SVG string drawn from the report's data: the equity
// after each closed trade with the index beside it on a second axis, the drawdown under the
// running peak, each session's net P&L as a bar, and the histogram of trade returns.
//
// Series longer than max_points are downsampled for display only (svg_chart's min/max
// buckets); the statistics are computed on every point elsewhere.
#pragma once

#include <cstddef>
#include <string>

#include "daemon/report/report_data.hpp"

namespace strike::daemon::report {

inline constexpr std::size_t max_points = 2000;  // a polyline's points at most

std::string equity_chart(const report_data& d);
std::string drawdown_chart(const report_data& d);
std::string daily_pnl_chart(const report_data& d);
// Net P&L of each trade over the money it put in (entry price × quantity), in percent.
std::string trade_return_histogram(const report_data& d);

}  // namespace strike::daemon::report
