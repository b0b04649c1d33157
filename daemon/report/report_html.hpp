// The report as one self-contained HTML page: its styles, its charts (inline SVG) and its one
// small script (sorting the trade table) are in the page, and it names no other file or URL, so
// it opens from disk with no network. The only URL in it is the SVG namespace.
//
// Deterministic: the same data gives the same bytes; nothing of "now" goes in.
#pragma once

#include <string>

#include "daemon/report/report_data.hpp"

namespace strike::daemon::report {

// comparison, when not empty, is a section placed after the key statistics (compare_html's).
std::string report_html(const report_data& d, const std::string& comparison = {});

// The pieces every page of the report shares: the head with its styles and the heading, a
// section, and the script and closing tags.
std::string page_open(const std::string& title);
std::string section(const char* id, const char* title, const std::string& body);
std::string page_close();

}  // namespace strike::daemon::report
