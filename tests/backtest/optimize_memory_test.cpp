// An optimisation's memory does not grow with its trials: a sweep of 120 trials peaks within
// 1.5 times a sweep of one on the same days and workers. (Under AddressSanitizer freed memory is
// held in quarantine, so the peak there says nothing about growth and the check is skipped.)
#include <doctest/doctest.h>

#include <simdjson.h>

#include <fstream>
#include <sstream>

#include "tests/support/child_process.hpp"
#include "tests/support/striked.hpp"
#include "tests/support/temp_dir.hpp"

using namespace strike;

namespace memory_cases {

std::int64_t peak_kb(const test::temp_dir& dir, const std::string& samples) {
  const auto name = "sweep-" + samples;
  std::ofstream(dir / (name + ".toml")) << "[search]\nsamples = " << samples
                                        << "\nseed = 5\n[parameters]\n"
                                           "\"exits.stop_loss_pct\" = { uniform = [5.0, 40.0] }\n"
                                           "\"exits.trail_pct\" = { uniform = [0.5, 3.0] }\n";
  test::child_process p(test::striked, {"optimize",
                                        "--config",
                                        test::shipped_config,
                                        "--sweep",
                                        (dir / (name + ".toml")).string(),
                                        "--from",
                                        "2026-01-05",
                                        "--to",
                                        "2026-01-06",
                                        "--synthetic",
                                        "3",
                                        "--step",
                                        "60",
                                        "--strikes",
                                        "1",
                                        "-j",
                                        "2",
                                        "--quiet",
                                        "--out",
                                        (dir / name).string()});
  const auto code = p.wait_exit(std::chrono::seconds(300));
  REQUIRE_MESSAGE(code == 0, p.drain_stderr());
  std::ifstream in(dir / name / "summary.json");
  std::ostringstream text;
  text << in.rdbuf();
  simdjson::dom::parser parser;
  return int64_t(parser.parse(text.str())["peak_rss_kb"]);
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
