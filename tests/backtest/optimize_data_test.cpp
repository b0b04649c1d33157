// An optimisation over recorded days, read once and shared by every worker: each trial's
// statistics are those `striked backtest` and `striked stats` give the same configuration,
// and the results are the same byte for byte on one worker and on three.
#include <doctest/doctest.h>

#include <fstream>
#include <sstream>

#include "daemon/config.hpp"
#include "daemon/holidays_file.hpp"
#include "tests/backtest/optimize_runs.hpp"
#include "tests/backtest/recorded_days.hpp"
#include "tests/support/temp_dir.hpp"

using namespace strike;

namespace data_sweep_cases {

std::pair<int, std::string> run(std::vector<std::string> arguments) {
  const auto r = test::optimize_runs::run_striked(std::move(arguments));
  return {r.code, r.out + r.err};
}

}  // namespace data_sweep_cases

TEST_CASE(
    "a sweep over recorded days gives each trial what a backtest of its configuration gives") {
  using data_sweep_cases::run;
  using test::optimize_runs::file_text;
  test::temp_dir dir;
  auto cfg = daemon::load_config(test::shipped_config);
  REQUIRE(cfg.ok());
  auto calendar = daemon::make_session_calendar(cfg->session);
  REQUIRE(calendar.ok());
  test::record_synthetic_days(dir / "data", *calendar, *core::parse_date("2025-11-01"),
                              *core::parse_date("2026-01-14"), *core::parse_date("2026-01-12"));
  // The shipped configuration's stop is 20 %: trial 1 is the shipped configuration itself.
  std::ofstream(dir / "sweep.toml") << R"([parameters]
"exits.stop_loss_pct" = [10.0, 20.0, 30.0]
)";
  const auto sweep = [&](const std::string& out, const std::string& jobs) {
    return run({"optimize", "--config", test::shipped_config, "--sweep",
                (dir / "sweep.toml").string(), "--from", "2026-01-12", "--to", "2026-01-14",
                "--data", (dir / "data").string(), "-j", jobs, "--quiet", "--out",
                (dir / out).string()});
  };
  const auto [one, one_said] = sweep("one", "1");
  REQUIRE_MESSAGE(one == 0, one_said);
  const auto [three, three_said] = sweep("three", "3");
  REQUIRE_MESSAGE(three == 0, three_said);
  const auto results = file_text(dir / "one" / "results.jsonl");
  CHECK(results == file_text(dir / "three" / "results.jsonl"));

  const auto [backtested, backtest_said] = run(
      {"backtest", "--config", test::shipped_config, "--from", "2026-01-12", "--to", "2026-01-14",
       "--data", (dir / "data").string(), "--out", (dir / "bt").string(), "--quiet"});
  REQUIRE_MESSAGE(backtested == 0, backtest_said);
  auto [stated, stats] = run({"stats", (dir / "bt").string(), "--json"});
  REQUIRE(stated == 0);
  stats = stats.substr(0, stats.find('\n'));
  CHECK(stats.find("\"trades\":0,") == std::string::npos);  // the days are traded
  std::istringstream lines(results);
  std::string line;
  std::getline(lines, line);
  std::getline(lines, line);
  CAPTURE(line);
  CHECK(line.starts_with("{\"trial\":1,\"params\":{\"exits.stop_loss_pct\":20.0}"));
  CHECK(line.ends_with(",\"stats\":" + stats + "}"));
}
