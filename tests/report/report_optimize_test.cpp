// `striked report` on what `striked optimize --out DIR` wrote: every trial in the table, heat
// maps over each pair of parameters, the overfitting figures read in words, and the
// walk-forward windows in sample beside out of sample.
#include <doctest/doctest.h>

#include <simdjson.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "daemon/report/optimize_charts.hpp"
#include "daemon/report/optimize_html.hpp"
#include "daemon/report/svg_chart.hpp"
#include "tests/backtest/optimize_runs.hpp"
#include "tests/support/temp_dir.hpp"

namespace strike::test::report_optimize_cases {

namespace rp = strike::daemon::report;
using optimize_runs::file_text;

std::size_t optimize_count(const std::string& text, const std::string& needle) {
  std::size_t n = 0;
  for (auto at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) ++n;
  return n;
}

// Eight trials over three parameters, optimised on the synthetic market, once for the file.
const std::filesystem::path& sweep_dir() {
  static temp_dir dir;
  static const bool ran = [] {
    std::ofstream(dir / "sweep.toml") << R"(objective = "net_pnl"
[parameters]
"exits.stop_loss_pct" = [10.0, 30.0]
"exits.trail_pct" = [1.0, 2.0]
"risk.max_positions" = [1, 2]
)";
    const bool plain = optimize_runs::optimize(dir / "sweep.toml", dir / "opt", "2026-01-05",
                                               "2026-01-16", "3", {"--pbo-blocks", "4"})
                           .code == 0;
    const bool walk = optimize_runs::optimize(dir / "sweep.toml", dir / "wf", "2026-01-05",
                                              "2026-01-23", "3", {"--walk-forward", "6:3"})
                          .code == 0;
    return plain && walk;
  }();
  REQUIRE(ran);
  return dir.path();
}

std::string report_of(const std::filesystem::path& dir) {
  const auto r = optimize_runs::run_striked({"report", dir.string()});
  REQUIRE(r.code == 0);
  return file_text(dir / "report.html");
}

}  // namespace strike::test::report_optimize_cases

using namespace strike::test;
using namespace strike::test::report_optimize_cases;

TEST_CASE("overfitting figures are read in one plain line each") {
  CHECK(rp::overfitting_reading(0.62) ==
        "PBO 0.62: the best in-sample configuration ranked at or below the median out of sample "
        "in 62 % of splits — likely overfit.");
  CHECK(rp::overfitting_reading(0.1).ends_with("in 10 % of splits — little sign of overfitting."));
  CHECK(rp::overfitting_reading(0.3).ends_with("— some risk of overfitting."));
  CHECK(rp::deflated_sharpe_reading(0.97, 16) ==
        "Deflated Sharpe 0.97: a 97 % probability that the best trial's true Sharpe ratio beats "
        "the best that 16 trials without skill would show — unlikely to be luck.");
  CHECK(
      rp::deflated_sharpe_reading(0.3, 16).ends_with("no better than the search alone would "
                                                     "find."));
}

TEST_CASE("striked report of an optimisation lists every trial and marks the best") {
  const auto opt = sweep_dir() / "opt";
  const std::string page = report_of(opt);
  CHECK(page == report_of(opt));
  CHECK(page.find("<title>Strike optimisation report: opt</title>") != std::string::npos);
  simdjson::dom::parser parser;
  const std::string summary = file_text(opt / "summary.json");
  simdjson::dom::element s;
  REQUIRE_FALSE(parser.parse(summary).get(s));
  const std::int64_t best = s["best"].get_int64().value();
  const double pbo = s["pbo"]["probability"].get_double().value();
  const double dsr = s["deflated_sharpe"]["probability"].get_double().value();
  CHECK(optimize_count(page, "<tr class=\"trial") == 8);
  CHECK(optimize_count(page, "<tr class=\"trial best\">") == 1);
  CHECK(page.find("<tr class=\"trial best\"><td class=\"num\" data-v=\"" + std::to_string(best) +
                  "\">") != std::string::npos);
  for (const char* column : {"exits.stop_loss_pct", "exits.trail_pct", "risk.max_positions"})
    CHECK(page.find(std::string("<th>") + column + "</th>") != std::string::npos);
  CHECK(page.find(rp::escape_html(rp::overfitting_reading(pbo))) != std::string::npos);
  CHECK(page.find(rp::escape_html(rp::deflated_sharpe_reading(dsr, 8))) != std::string::npos);
}

TEST_CASE("striked report of an optimisation draws a heat map per pair, the first two shown") {
  const std::string page = report_of(sweep_dir() / "opt");
  CHECK(optimize_count(page, "<select class=\"chooser\" data-group=\"heat\">") == 1);
  CHECK(optimize_count(page, "<option value=") == 3);
  CHECK(optimize_count(page, "<div class=\"heat\" data-group=\"heat\"") == 3);
  CHECK(page.find("<div class=\"heat\" data-group=\"heat\" data-choice=\"0-1\">") !=
        std::string::npos);
  CHECK(optimize_count(page, "data-choice=\"0-2\" hidden>") == 1);
  CHECK(optimize_count(page, "data-choice=\"1-2\" hidden>") == 1);
  // Two values each way: four cells a map, each the best of the two trials that share them.
  CHECK(optimize_count(page, "<rect class=\"cell") == 12);
  CHECK(optimize_count(page, "2 trials)</title></rect>") == 12);
  // No URL but the SVG namespace, no outside file.
  const std::string svg_ns = "http://www.w3.org/2000/svg\"";
  for (auto at = page.find("http"); at != std::string::npos; at = page.find("http", at + 1))
    CHECK(page.compare(at, svg_ns.size(), svg_ns) == 0);
  CHECK(page.find(" src=") == std::string::npos);
}

TEST_CASE("striked report of a walk-forward shows each window in and out of sample") {
  const auto wf = sweep_dir() / "wf";
  const std::string page = report_of(wf);
  const std::string lines = file_text(wf / "walk_forward.jsonl");
  const std::size_t windows = optimize_count(lines, "\n");
  REQUIRE(windows == 3);
  CHECK(page.find("<title>Strike walk-forward report: wf</title>") != std::string::npos);
  CHECK(optimize_count(page, "<tr class=\"fold\">") == windows);
  const std::size_t traded = windows - optimize_count(lines, "\"trial\":null");
  CHECK(optimize_count(page, "<rect class=\"ins\"") == traded);
  CHECK(optimize_count(page, "<rect class=\"oos\"") == traded);
  CHECK(page.find("2026-01-05 to 2026-01-12 (6)") != std::string::npos);
  // Each window's own sweep is an optimisation directory too.
  const std::string window = report_of(wf / "window-0");
  CHECK(optimize_count(window, "<tr class=\"trial") == 8);
}

TEST_CASE("striked report of an optimisation refuses --compare") {
  const auto r = optimize_runs::run_striked(
      {"report", (sweep_dir() / "opt").string(), "--compare", (sweep_dir() / "wf").string()});
  CHECK(r.code == 2);
  CHECK(r.err.find("--compare") != std::string::npos);
}

TEST_CASE("heat map: a random search's values are binned, text values kept as they are") {
  rp::optimization_data d;
  d.parameters = {"exits.trail_pct", "strategy.params.side"};
  for (int i = 0; i < 24; ++i) {
    rp::trial_result t;
    t.trial = i;
    t.values = {std::to_string(i), i % 2 ? "long" : "short"};
    t.numbers = {static_cast<double>(i), std::nullopt};
    t.feasible = i != 23;
    t.objective = i;
    d.trials.push_back(t);
  }
  const std::string html = rp::heat_maps(d);
  CHECK(optimize_count(html, "<option value=") == 1);
  // 24 values in 12 bins of two, each bin holding one trial of each side.
  CHECK(optimize_count(html, "<rect class=\"cell") == 24);
  CHECK(html.find("0–1.917") != std::string::npos);
  CHECK(html.find(">long</text>") != std::string::npos);
  CHECK(html.find(">short</text>") != std::string::npos);
  // Trial 23 is the highest but infeasible: its cell shows it, pale, as nothing else is there.
  CHECK(optimize_count(html, "<rect class=\"cell infeasible\"") == 1);
  CHECK(html.find("(trial 23, 1 trials, none feasible)") != std::string::npos);
}

TEST_CASE("striked report of an optimisation with a damaged line names the file and line") {
  temp_dir dir;
  std::filesystem::create_directories(dir / "opt");
  std::ofstream(dir / "opt" / "results.jsonl")
      << "{\"trial\":0,\"params\":{\"a\":1},\"feasible\":true,\"objective\":1.0,\"stats\":{}}\n"
         "{\"trial\":1,\"par\n";
  const auto r = optimize_runs::run_striked({"report", (dir / "opt").string()});
  CHECK(r.code == 1);
  CHECK(r.err.find("results.jsonl:2: not a JSON object") != std::string::npos);
  CHECK_FALSE(std::filesystem::exists(dir / "opt" / "report.html"));
}
