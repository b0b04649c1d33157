// The exchange's calendar opens on the odd weekend day (the 2025 Union Budget on Saturday
// 1 February); the synthetic market models weekdays only. A synthetic backtest across such a
// day stops with an error naming it, instead of aborting.
#include <doctest/doctest.h>

#include "tests/backtest/optimize_runs.hpp"
#include "tests/support/temp_dir.hpp"

using namespace strike;

TEST_CASE("a synthetic backtest across a special weekend session stops naming the day") {
  test::temp_dir dir;
  const auto r = test::optimize_runs::run_striked(
      {"backtest", "--config", test::shipped_config, "--from", "2025-01-31", "--to", "2025-02-03",
       "--synthetic", "7", "--step", "60", "--strikes", "1", "--out", (dir / "bt").string(),
       "--quiet"});
  CHECK(r.code == 1);
  CHECK(r.err.find("the synthetic market has no session on 2025-02-01") != std::string::npos);
  // The days up to it were traded and journaled; the run says it did not finish.
  CHECK(std::filesystem::exists(dir / "bt" / "events.jsonl"));
}
