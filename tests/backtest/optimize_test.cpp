// `striked optimize` as a user runs it: a small sweep over synthetic days, the same results
// byte for byte whatever the number of workers, and a sweep the configuration refuses stopped
// before anything runs.
#include <doctest/doctest.h>

#include <fstream>
#include <sstream>

#include "tests/backtest/optimize_runs.hpp"
#include "tests/support/temp_dir.hpp"

using namespace strike;

namespace optimize_cases {

using test::optimize_runs::file_text;

std::pair<int, std::string> optimize(const test::temp_dir& dir, const std::string& sweep,
                                     const std::string& out, const std::string& jobs) {
  const auto r = test::optimize_runs::optimize(dir / sweep, dir / out, "2026-01-05", "2026-01-09",
                                               "3", {"--pbo-blocks", "4", "-j", jobs});
  return {r.code, r.err};
}

}  // namespace optimize_cases

using namespace optimize_cases;

TEST_CASE("an optimisation gives the same results byte for byte on one worker and on three") {
  test::temp_dir dir;
  std::ofstream(dir / "sweep.toml") << R"(objective = "net_pnl"
[parameters]
"exits.stop_loss_pct" = [10.0, 30.0]
"exits.trail_pct" = { from = 1.0, to = 2.0, step = 1.0 }
"risk.max_positions" = [1, 2]
)";
  const auto [one, err1] = optimize(dir, "sweep.toml", "one", "1");
  REQUIRE_MESSAGE(one == 0, err1);
  const auto [three, err3] = optimize(dir, "sweep.toml", "three", "3");
  REQUIRE_MESSAGE(three == 0, err3);
  const std::string results = file_text(dir / "one" / "results.jsonl");
  CHECK(results == file_text(dir / "three" / "results.jsonl"));
  CHECK(file_text(dir / "one" / "best.toml") == file_text(dir / "three" / "best.toml"));

  // Eight trials, in order, each with its parameters and statistics.
  std::istringstream lines(results);
  std::string line;
  int n = 0;
  while (std::getline(lines, line)) {
    CAPTURE(line);
    CHECK(line.starts_with("{\"trial\":" + std::to_string(n) + ",\"params\":{"));
    CHECK(line.find("\"stats\":{\"sessions\":5,") != std::string::npos);
    ++n;
  }
  CHECK(n == 8);
  CHECK(file_text(dir / "one" / "best.toml").find("[exits]\nstop_loss_pct = ") !=
        std::string::npos);
  const std::string summary = file_text(dir / "one" / "summary.json");
  CHECK(summary.find("\"trials\":8,") != std::string::npos);
  CHECK(summary.find("\"deflated_sharpe\":{") != std::string::npos);
  CHECK(summary.find("\"pbo\":{\"probability\":") != std::string::npos);
  CHECK(summary.find("\"finished\":true") != std::string::npos);
  CHECK_FALSE(std::filesystem::exists(dir / "one" / "INCOMPLETE"));
}

TEST_CASE("a sweep value the configuration refuses stops the optimisation before it starts") {
  test::temp_dir dir;
  std::ofstream(dir / "bad.toml") << R"([parameters]
"exits.stop_loss_pct" = [10.0, 150.0]
)";
  const auto [code, err] = optimize(dir, "bad.toml", "out", "2");
  CHECK(code == 2);
  CHECK(err.find((dir / "bad.toml").string() + ":2: exits.stop_loss_pct = 150.0: ") !=
        std::string::npos);
  CHECK_FALSE(std::filesystem::exists(dir / "out" / "results.jsonl"));
}
