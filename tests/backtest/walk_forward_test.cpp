// Walk-forward windows as the command cuts them, and a walk-forward run as a user starts it:
// each test window traded with the trial its training window chose, the out-of-sample record
// the sum of the test windows, the same whatever the number of workers.
#include <doctest/doctest.h>

#include <simdjson.h>

#include <fstream>
#include <sstream>

#include "daemon/optimize/walk_forward.hpp"
#include "tests/backtest/optimize_runs.hpp"
#include "tests/support/temp_dir.hpp"

using namespace strike;
namespace opt = strike::daemon::optimize;

namespace walk_cases {

std::vector<core::civil_date> sessions(int n) {
  std::vector<core::civil_date> out;
  for (int i = 0; i < n; ++i) out.push_back(core::civil_from_days(20000 + i));
  return out;
}

using test::optimize_runs::file_text;

int walk(const test::temp_dir& dir, const std::string& out, const std::string& jobs) {
  return test::optimize_runs::optimize(dir / "sweep.toml", dir / out, "2026-01-05", "2026-02-02",
                                       "3", {"--walk-forward", "8:5", "-j", jobs})
      .code;
}

}  // namespace walk_cases

TEST_CASE("walk-forward windows roll by the test length, or grow from the first session") {
  auto spec = opt::parse_walk_forward("4:2");
  REQUIRE(spec);
  const auto days = walk_cases::sessions(9);
  auto w = opt::walk_windows(days, *spec);
  REQUIRE(w);
  REQUIRE(w->size() == 3);  // tests 4-5, 6-7, 8
  CHECK((*w)[0].train == std::vector(days.begin(), days.begin() + 4));
  CHECK((*w)[1].train.front() == days[2]);
  CHECK((*w)[1].train.size() == 4);
  CHECK((*w)[1].test == std::vector{days[6], days[7]});
  CHECK((*w)[2].test == std::vector{days[8]});

  auto anchored = opt::parse_walk_forward("4:2:anchored");
  REQUIRE(anchored);
  CHECK(anchored->anchored);
  w = opt::walk_windows(days, *anchored);
  REQUIRE(w);
  REQUIRE(w->size() == 3);
  CHECK((*w)[2].train.front() == days[0]);
  CHECK((*w)[2].train.size() == 8);

  CHECK_FALSE(opt::walk_windows(walk_cases::sessions(4), *spec));  // nothing left to test on
  for (const char* bad : {"4", "4:0", "0:2", "4:2:rolling", "a:2", "4:2:anchored:x", "-4:2"})
    CHECK_FALSE(opt::parse_walk_forward(bad));
}

TEST_CASE("a walk-forward trades each test window with its training window's best trial") {
  test::temp_dir dir;
  std::ofstream(dir / "sweep.toml") << R"(objective = "net_pnl"
[parameters]
"exits.stop_loss_pct" = [10.0, 30.0]
"risk.max_positions" = [1, 2]
)";
  REQUIRE(walk_cases::walk(dir, "one", "1") == 0);
  REQUIRE(walk_cases::walk(dir, "two", "2") == 0);
  for (const auto* file : {"walk_forward.jsonl", "equity.csv", "window-2/results.jsonl"})
    CHECK(walk_cases::file_text(dir / "one" / file) == walk_cases::file_text(dir / "two" / file));

  // 2026-01-05 to 02-02 holds 19 sessions (15 and 26 January are holidays): three windows test
  // sessions 9-13, 14-18 and 19.
  simdjson::dom::parser parser;
  std::istringstream lines(walk_cases::file_text(dir / "one" / "walk_forward.jsonl"));
  std::string line;
  std::int64_t out_of_sample = 0, sessions_tested = 0;
  int windows = 0;
  while (std::getline(lines, line)) {
    CAPTURE(line);
    simdjson::dom::element w = parser.parse(line);
    CHECK(int64_t(w["window"]) == windows);
    CHECK(int64_t(w["train"]["sessions"]) == 8);
    sessions_tested += int64_t(w["test"]["sessions"]);
    // The trial chosen is the best of the window's own results.
    const auto chosen = int64_t(w["trial"]);
    std::istringstream results(walk_cases::file_text(
        dir / "one" / ("window-" + std::to_string(windows)) / "results.jsonl"));
    std::string r;
    double best = -1e300;
    std::int64_t best_id = -1;
    simdjson::dom::parser inner;
    while (std::getline(results, r)) {
      simdjson::dom::element t = inner.parse(r);
      if (double(t["objective"]) > best)
        best = double(t["objective"]), best_id = int64_t(t["trial"]);
    }
    CHECK(chosen == best_id);
    CHECK(int64_t(w["in_sample"]["trial"]) == chosen);
    CHECK(int64_t(w["out_of_sample"]["trial"]) == chosen);
    CHECK(int64_t(w["out_of_sample"]["stats"]["sessions"]) == int64_t(w["test"]["sessions"]));
    out_of_sample += int64_t(w["out_of_sample"]["stats"]["net_pnl_paise"]);
    ++windows;
  }
  CHECK(windows == 3);
  CHECK(sessions_tested == 11);

  // The headline is the test windows stitched together: their P&L summed, session by session.
  simdjson::dom::element summary =
      parser.parse(walk_cases::file_text(dir / "one" / "summary.json"));
  CHECK(int64_t(summary["out_of_sample"]["stats"]["net_pnl_paise"]) == out_of_sample);
  CHECK(int64_t(summary["out_of_sample"]["stats"]["sessions"]) == 11);
  const auto equity = walk_cases::file_text(dir / "one" / "equity.csv");
  CHECK(std::count(equity.begin(), equity.end(), '\n') == 12);
  const auto last = equity.substr(equity.rfind(',', equity.size() - 2) + 1);
  CHECK(std::stoll(last) == out_of_sample);
}
