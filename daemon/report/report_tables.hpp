// The report's tables as HTML fragments: the statistics `striked stats` prints, the monthly
// returns coloured by value, the entries filtered by filter, the trades with the journal seq
// of their open and close, and the breaker trips and halts in journal order. Every string from
// the journal is escaped.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "daemon/report/report_data.hpp"

namespace strike::daemon::report {

// "-₹1234.50": paise as rupees, as `striked stats` prints them.
std::string rupees_text(std::int64_t paise);
// "2026-01-05 10:15:00" IST.
std::string ist_text(std::int64_t utc_ns);

// A table cell: text shown, sort_key sorted on by the page's script.
std::string td(const std::string& text, const std::string& sort_key, bool number = false);
// A cell of money in rupees, red when negative, sorted on its paise.
std::string money_td(std::int64_t paise);

// The lines of `striked stats` as (name, value) pairs, in its order.
std::vector<std::pair<std::string, std::string>> stats_rows(const core::report::trading_stats& s);
std::string stats_table_html(const report_data& d);
std::string monthly_table_html(const report_data& d);
std::string filtered_table_html(const report_data& d);
// One <tr class="trade" data-open-seq data-close-seq> per closed position.
std::string trades_table_html(const report_data& d);
std::string timeline_table_html(const report_data& d);

}  // namespace strike::daemon::report
