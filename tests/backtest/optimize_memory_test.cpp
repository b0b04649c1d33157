// An optimisation's memory does not grow with its trials: a sweep of 120 trials peaks within
// 1.5 times a sweep of one on the same days and workers. (Under AddressSanitizer freed memory is
// held in quarantine, so the peak there says nothing about growth and the check is skipped.)
#include <doctest/doctest.h>

#include <simdjson.h>

#include <fstream>

#include "tests/backtest/optimize_runs.hpp"
#include "tests/support/temp_dir.hpp"

using namespace strike;

namespace memory_cases {

std::int64_t peak_kb(const test::temp_dir& dir, const std::string& samples) {
  const auto name = "sweep-" + samples;
  std::ofstream(dir / (name + ".toml")) << "[search]\nsamples = " << samples
                                        << "\nseed = 5\n[parameters]\n"
                                           "\"exits.stop_loss_pct\" = { uniform = [5.0, 40.0] }\n"
                                           "\"exits.trail_pct\" = { uniform = [0.5, 3.0] }\n";
  const auto r = test::optimize_runs::optimize(dir / (name + ".toml"), dir / name, "2026-01-05",
                                               "2026-01-06", "3", {"-j", "2"});
  REQUIRE_MESSAGE(r.code == 0, r.err);
  simdjson::dom::parser parser;
  return int64_t(
      parser.parse(test::optimize_runs::file_text(dir / name / "summary.json"))["peak_rss_kb"]);
}

}  // namespace memory_cases

TEST_CASE("the memory of an optimisation does not grow with its number of trials") {
#if defined(__SANITIZE_ADDRESS__)
  return;
#endif
  test::temp_dir dir;
  const auto one = memory_cases::peak_kb(dir, "1");
  const auto many = memory_cases::peak_kb(dir, "120");
  CAPTURE(one);
  CAPTURE(many);
  CHECK(one > 0);
  CHECK(many * 2 <= one * 3);
}
