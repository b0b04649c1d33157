#include "daemon/report/report_html.hpp"

#include <cstdio>

#include "core/clock.hpp"
#include "daemon/report/report_charts.hpp"
#include "daemon/report/report_tables.hpp"
#include "daemon/report/session_chart.hpp"
#include "daemon/report/svg_chart.hpp"

namespace strike::daemon::report {

namespace {

constexpr const char* style = R"(<style>
body{font:14px/1.45 system-ui,sans-serif;color:#222;max-width:1200px;margin:1.5em auto;
padding:0 1em}
h1{font-size:1.5em;margin:0 0 .4em}
h2{font-size:1.15em;margin:1.6em 0 .5em;border-bottom:1px solid #ccc}
table{border-collapse:collapse;margin:.3em 0}
th,td{padding:2px 8px;border-bottom:1px solid #e4e4e4;text-align:left}
td.num{text-align:right;font-variant-numeric:tabular-nums}.loss{color:#b00}
table.trades{font-size:12.5px;width:100%}
table.trades th{cursor:pointer;background:#f4f4f4;position:sticky;top:0}
table.months td{min-width:4.2em}
table.params td{font-family:ui-monospace,monospace;font-size:12px;padding:0 8px}
dl.head{display:grid;grid-template-columns:max-content auto;gap:2px 16px}
dl.head dt{color:#666}dl.head dd{margin:0;font-family:ui-monospace,monospace}
svg{width:100%;height:auto;display:block;margin:.3em 0}svg text{font-size:11px;fill:#444}
.axis{stroke:#888}.grid{stroke:#eee}.eq{fill:none;stroke:#1565c0;stroke-width:1.6}
.ix{fill:none;stroke:#e08a00;stroke-width:1}.dd{fill:#f2b8b8;stroke:#c62828;stroke-width:1}
rect.pos{fill:#2e7d32}rect.neg{fill:#c62828}text.legend.eq{fill:#1565c0;stroke:none}
text.legend.ix{fill:#e08a00;stroke:none}text.legend.dd{fill:#c62828;stroke:none}
.op0{fill:none;stroke:#6a1b9a;stroke-width:1.4}.op1{fill:none;stroke:#00897b;stroke-width:1.4}
.op2{fill:none;stroke:#5d4037;stroke-width:1.4}.op3{fill:none;stroke:#ad1457;stroke-width:1.4}
text.legend.op0{fill:#6a1b9a}text.legend.op1{fill:#00897b}text.legend.op2{fill:#5d4037}
text.legend.op3{fill:#ad1457}text.legend{stroke:none}path.entry{fill:#2e7d32}path.exit{fill:#c62828}
polyline.vix{fill:none;stroke:#455a64;stroke-width:1.2}circle.vix{fill:#455a64}
text.legend.vix{fill:#455a64}
rect.ins{fill:#1565c0}rect.oos{fill:#e08a00}text.legend.ins{fill:#1565c0}
text.legend.oos{fill:#e08a00}rect.infeasible{fill-opacity:.35}text.cell{font-size:10px;fill:#111}
tr.best td{font-weight:600;background:#eef6ee}tr.unmatched td{background:#fff4e5}
.reading{margin:.3em 0}
.empty,.note{color:#666}
@media print{body{max-width:none;margin:0;font-size:11px}h2{break-after:avoid}
svg,tr{break-inside:avoid}table.trades th{position:static}}
</style>
)";

// Sorts a table by a clicked column, on each cell's data-v (numbers as numbers), and shows the
// one chart of a group a <select> names.
constexpr const char* script = R"(<script>
document.querySelectorAll("table.sortable").forEach(function(t){
 t.querySelectorAll("th").forEach(function(th,i){th.addEventListener("click",function(){
  var b=t.tBodies[0],rows=Array.prototype.slice.call(b.rows),up=th.dataset.up!=="1";
  th.dataset.up=up?"1":"0";
  rows.sort(function(x,y){var p=x.cells[i].dataset.v,q=y.cells[i].dataset.v,
   m=Number(p),n=Number(q),c=(p!==""&&q!==""&&!isNaN(m)&&!isNaN(n))?m-n:p.localeCompare(q);
   return up?c:-c;});
  rows.forEach(function(r){b.appendChild(r);});});});});
document.querySelectorAll("select.chooser").forEach(function(s){
 s.addEventListener("change",function(){
  document.querySelectorAll("[data-group='"+s.dataset.group+"']").forEach(function(c){
   c.hidden=c.dataset.choice!==s.value;});});});
</script>
)";

std::string or_unknown(const std::string& s) {
  return s.empty() ? "unknown" : s;
}

std::string duration_text(std::int64_t ns) {
  const std::int64_t s = ns / core::ns_per_s;
  char buf[48];
  std::snprintf(buf, sizeof buf, "%lldh %02lldm %02llds", static_cast<long long>(s / 3600),
                static_cast<long long>(s / 60 % 60), static_cast<long long>(s % 60));
  return buf;
}

// Folded: a configuration has dozens of settings, and the header should stay a glance.
std::string parameters_row(const run_header& h) {
  if (h.parameters.empty())
    return "<dt>parameters</dt><dd>" + escape_html(or_unknown(h.parameters_note)) + "</dd>\n";
  std::string out = "<dt>parameters</dt><dd><details><summary>" +
                    std::to_string(h.parameters.size()) + " settings of " +
                    escape_html(h.config_path) + "</summary>\n<table class=\"params\">\n";
  for (const auto& [name, value] : h.parameters)
    out += "<tr><td>" + escape_html(name) + "</td><td>" + escape_html(value) + "</td></tr>\n";
  return out + "</table></details></dd>\n";
}

std::string header_html(const report_data& d) {
  const run_header& h = d.header;
  const auto row = [](const char* name, const std::string& value) {
    return std::string("<dt>") + name + "</dt><dd>" + escape_html(value) + "</dd>\n";
  };
  std::string range = "unknown";
  if (!h.first_session.empty()) range = h.first_session + " to " + h.last_session;
  std::string out = "<dl class=\"head\">\n";
  out += row("strategy", or_unknown(h.strategy));
  out += parameters_row(h);
  out += row("mode", or_unknown(h.mode));
  // `striked backtest` journals no ConfigLoaded; saying so tells a missing hash from a lost one.
  const bool backtest_without_config = h.config_sha256.empty() && h.mode == "backtest";
  out +=
      row("config sha256", backtest_without_config ? "unknown (a backtest journals no ConfigLoaded)"
                                                   : or_unknown(h.config_sha256));
  out += row("config file", or_unknown(h.config_path));
  out += row("sessions", range);
  out += row("striked version", or_unknown(h.version));
  out += row("run time", h.uptime_ns >= 0 ? duration_text(h.uptime_ns) : "unknown");
  out += row("journal time",
             h.first_ts ? ist_text(h.first_ts) + " to " + ist_text(h.last_ts) + " IST" : "unknown");
  out += row("trades", std::to_string(d.trades.size()));
  return out + "</dl>\n";
}

}  // namespace

std::string section(const char* id, const char* title, const std::string& body) {
  return std::string("<section id=\"") + id + "\">\n<h2>" + title + "</h2>\n" + body +
         "</section>\n";
}

std::string page_open(const std::string& title) {
  std::string out = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n";
  out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
  out += "<title>" + escape_html(title) + "</title>\n";
  out += style;
  return out + "</head>\n<body>\n<h1>" + escape_html(title) + "</h1>\n";
}

std::string page_close() {
  return std::string(script) + "</body>\n</html>\n";
}

std::string report_html(const report_data& d, const std::string& comparison) {
  const std::string title =
      "Strike report: " + or_unknown(d.header.strategy) + ", " +
      (d.header.first_session.empty() ? std::string("no sessions")
                                      : d.header.first_session + " to " + d.header.last_session);
  std::string out = page_open(title);
  out += header_html(d);
  out += section("stats", "Key statistics", stats_table_html(d));
  out += comparison;
  if (single_session(d))
    out += section("session", "The session: NIFTY, the options traded and India VIX",
                   session_charts(d));
  out += section("equity", "Equity", equity_chart(d));
  out += section("drawdown", "Drawdown", drawdown_chart(d));
  out += section("daily", "Daily net P&amp;L", daily_pnl_chart(d));
  out += section("monthly", "Monthly returns", monthly_table_html(d));
  out += section("returns", "Trade returns", trade_return_histogram(d));
  out += section("trades", "Trades", trades_table_html(d));
  out += section("filtered", "Entries filtered", filtered_table_html(d));
  out += section("breakers", "Breaker trips and halts", timeline_table_html(d));
  return out + page_close();
}

}  // namespace strike::daemon::report
