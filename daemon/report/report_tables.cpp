#include "daemon/report/report_tables.hpp"

#include <algorithm>
#include <array>
#include <cstdio>
#include <cstdlib>
#include <map>

#include "core/ist.hpp"
#include "daemon/commands/stats_format.hpp"
#include "daemon/report/svg_chart.hpp"

namespace strike::daemon::report {

namespace {

// A month's cell tinted green or red, the stronger the larger its share of the largest month.
std::string month_cell(std::int64_t net, std::int64_t largest, std::int64_t capital) {
  const double share =
      largest > 0 ? static_cast<double>(std::abs(net)) / static_cast<double>(largest) : 0;
  const std::string rgb = net < 0 ? "200,40,40" : "30,150,60";
  const double pct = 100.0 * static_cast<double>(net) / static_cast<double>(capital);
  return "<td class=\"num\" style=\"background:rgba(" + rgb + "," + fixed(0.1 + 0.6 * share, 2) +
         ")\" title=\"" + escape_html(rupees_text(net)) + "\">" + fixed(pct, 2) + " %</td>";
}

}  // namespace

std::string td(const std::string& text, const std::string& sort_key, bool number) {
  return std::string("<td") + (number ? " class=\"num\"" : "") + " data-v=\"" +
         escape_html(sort_key) + "\">" + escape_html(text) + "</td>";
}

std::string money_td(std::int64_t paise) {
  return "<td class=\"num" + std::string(paise < 0 ? " loss" : "") + "\" data-v=\"" +
         std::to_string(paise) + "\">" + escape_html(rupees_text(paise)) + "</td>";
}

std::string rupees_text(std::int64_t paise) {
  char buf[48];
  const long long a = std::llabs(paise);
  std::snprintf(buf, sizeof buf, "%s₹%lld.%02lld", paise < 0 ? "-" : "", a / 100, a % 100);
  return buf;
}

std::string ist_text(std::int64_t utc_ns) {
  std::string s = core::format_ist(utc_ns).substr(0, 19);
  s[10] = ' ';
  return s;
}

std::vector<std::pair<std::string, std::string>> stats_rows(const core::report::trading_stats& s) {
  // The very lines `striked stats` prints, so the two never disagree.
  const std::string text = stats_table(s);
  std::vector<std::pair<std::string, std::string>> rows;
  std::size_t at = 0;
  while (at < text.size()) {
    const std::size_t end = std::min(text.find('\n', at), text.size());
    const std::string line = text.substr(at, end - at);
    at = end + 1;
    const std::size_t gap = line.find("  ");
    const std::size_t value = line.find_first_not_of(' ', gap == std::string::npos ? 0 : gap);
    if (gap == std::string::npos || value == std::string::npos) continue;
    rows.emplace_back(line.substr(0, gap), line.substr(value));
  }
  return rows;
}

std::string stats_table_html(const report_data& d) {
  std::string out = "<table class=\"stats\">\n";
  for (const auto& [name, value] : stats_rows(d.stats))
    out += "<tr><th>" + escape_html(name) + "</th><td>" + escape_html(value) + "</td></tr>\n";
  return out + "</table>\n";
}

std::string monthly_table_html(const report_data& d) {
  if (d.daily_net.empty()) return "<p class=\"empty\">No sessions in this journal.</p>\n";
  std::map<std::string, std::array<std::int64_t, 13>> years;  // 12 months and the year
  std::map<std::string, std::array<bool, 12>> traded;
  std::int64_t largest = 0;
  for (const auto& [day, net] : d.daily_net) {
    const std::string year = day.substr(0, 4);
    const int month = std::atoi(day.substr(5, 2).c_str());
    if (month < 1 || month > 12) continue;
    years[year][static_cast<std::size_t>(month - 1)] += net;
    years[year][12] += net;
    traded[year][static_cast<std::size_t>(month - 1)] = true;
  }
  for (const auto& [year, months] : years)
    for (std::size_t m = 0; m < 12; ++m) largest = std::max(largest, std::abs(months[m]));
  std::string out =
      "<table class=\"months\">\n<tr><th>year</th><th>Jan</th><th>Feb</th><th>Mar</th>"
      "<th>Apr</th><th>May</th><th>Jun</th><th>Jul</th><th>Aug</th><th>Sep</th><th>Oct</th>"
      "<th>Nov</th><th>Dec</th><th>year</th></tr>\n";
  for (const auto& [year, months] : years) {
    out += "<tr><th>" + escape_html(year) + "</th>";
    for (std::size_t m = 0; m < 12; ++m)
      out += traded[year][m] ? month_cell(months[m], largest, d.capital_paise) : "<td></td>";
    out +=
        "<td class=\"num\" title=\"" + escape_html(rupees_text(months[12])) + "\">" +
        fixed(100.0 * static_cast<double>(months[12]) / static_cast<double>(d.capital_paise), 2) +
        " %</td></tr>\n";
  }
  return out + "</table>\n<p class=\"note\">Net P&amp;L over the capital of " +
         escape_html(rupees_text(d.capital_paise)) + "; hover a month for rupees.</p>\n";
}

std::string filtered_table_html(const report_data& d) {
  if (d.stats.filtered.empty()) return "<p class=\"empty\">No entries filtered.</p>\n";
  std::string out = "<table class=\"filtered\">\n<tr><th>filter</th><th>entries</th></tr>\n";
  for (const auto& [filter, n] : d.stats.filtered)
    out += "<tr><td>" + escape_html(filter) + "</td><td class=\"num\">" + std::to_string(n) +
           "</td></tr>\n";
  return out + "</table>\n";
}

std::string trades_table_html(const report_data& d) {
  if (d.trades.empty()) return "<p class=\"empty\">No closed trades in this journal.</p>\n";
  std::string out =
      "<table class=\"trades sortable\">\n<thead><tr><th>#</th><th>seq</th><th>entry</th>"
      "<th>exit</th><th>instrument</th><th>symbol</th><th>exit reason</th><th>qty</th>"
      "<th>entry price</th><th>exit price</th><th>charges</th><th>net P&amp;L</th></tr></thead>"
      "\n<tbody>\n";
  std::size_t n = 0;
  for (const trade_row& t : d.trades) {
    const std::string open = t.open_seq ? std::to_string(t.open_seq) : "?";
    out += "<tr class=\"trade\" data-open-seq=\"" + std::to_string(t.open_seq) +
           "\" data-close-seq=\"" + std::to_string(t.close_seq) + "\">";
    ++n;
    out += td(std::to_string(n), std::to_string(n), true);
    out += td("seq " + open + " → " + std::to_string(t.close_seq), std::to_string(t.close_seq));
    out += td(t.entry_ns ? ist_text(t.entry_ns) : "unknown", std::to_string(t.entry_ns));
    out += td(ist_text(t.exit_ns), std::to_string(t.exit_ns));
    out += td(t.instrument, t.instrument);
    out += td(t.symbol.empty() ? "unknown" : t.symbol, t.symbol);
    out += td(t.exit_reason.empty() ? "unknown" : t.exit_reason, t.exit_reason);
    out += td(std::to_string(t.qty), std::to_string(t.qty), true);
    out += money_td(t.entry_avg_paise) + money_td(t.exit_avg_paise) + money_td(t.charges_paise) +
           money_td(t.net_pnl_paise) + "</tr>\n";
  }
  return out + "</tbody>\n</table>\n";
}

std::string timeline_table_html(const report_data& d) {
  if (d.timeline.empty())
    return "<p class=\"empty\">No breaker trips or halts in this journal.</p>\n";
  std::string out =
      "<table class=\"timeline\">\n<tr><th>seq</th><th>time (IST)</th><th>event</th>"
      "<th>detail</th></tr>\n";
  for (const timeline_entry& t : d.timeline)
    out += "<tr><td class=\"num\">" + std::to_string(t.seq) + "</td><td>" + ist_text(t.ts) +
           "</td><td>" + escape_html(t.type) + "</td><td>" + escape_html(t.detail) + "</td></tr>\n";
  return out + "</table>\n";
}

}  // namespace strike::daemon::report
