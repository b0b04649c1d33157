// The report as one self-contained HTML page: its styles, its charts (inline SVG) and its one
// small script (sorting the trade table) are in the page, and it names no other file or URL, so
// it opens from disk with no network. The only URL in it is the SVG namespace.
//
// Deterministic: the same data gives the same bytes; nothing of "now" goes in.
#pragma once

#include <string>

#include "daemon/report/report_data.hpp"

namespace strike::daemon::report {

std::string report_html(const report_data& d);

}  // namespace strike::daemon::report
