// striked data ... run as a real process over real files.
#include <doctest/doctest.h>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "tests/support/child_process.hpp"
#include "tests/support/temp_dir.hpp"

using namespace strike;

namespace {

std::vector<std::string> lines(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string l; std::getline(in, l);) out.push_back(l);
  return out;
}

// Two 1m sessions of a deterministic walk, as Angel One JSONL.
std::string two_sessions_jsonl() {
  std::string out;
  long p = 2'350'000;
  for (int day : {2, 3}) {
    for (int i = 0; i < 375; ++i) {
      const long o = p, c = p + ((i * 7919 + day) % 81 - 40) * 5;
      const long h = std::max(o, c) + (i % 7) * 5, l = std::min(o, c) - (i % 5) * 5;
      p = c;
      char row[160];
      std::snprintf(
          row, sizeof row,
          "[\"2025-01-%02dT%02d:%02d:00+05:30\", %ld.%02ld, %ld.%02ld, %ld.%02ld, %ld.%02ld, %d]\n",
          day, (555 + i) / 60, (555 + i) % 60, o / 100, o % 100, h / 100, h % 100, l / 100, l % 100,
          c / 100, c % 100, (i * 37) % 1000);
      out += row;
    }
  }
  return out;
}

}  // namespace

TEST_CASE("data check lists every problem as file:line:field and fails") {
  test::temp_dir dir;
  const auto file = (dir / "bad.csv").string();
  std::ofstream(file) << "timestamp,open,high,low,close,volume\n"
                         "2025-01-02T09:15:00+05:30,100,101,99,100.5,10\n"
                         "2025-01-02T09:16:00+05:30,100,99,101,100,10\n"
                         "2025-01-02T09:17:00+05:30,x,101,99,100,10\n";
  auto [code, out] = test::run_to_exit(STRIKED_PATH, {"data", "check", file});
  CHECK(code == 1);
  const auto l = lines(out);
  REQUIRE(l.size() == 3);
  CHECK(l[0] == file + ":3:high: high 99.00 is below low 101.00");
  CHECK(l[1] == file + ":4:open: 'x' is not a number");
  CHECK(l[2] == file +
                    ": 1 candles of 1m from 2025-01-02T09:15:00+05:30 to "
                    "2025-01-02T09:15:00+05:30, 2 errors, 0 warnings");
}

TEST_CASE("data check passes a clean file") {
  test::temp_dir dir;
  const auto file = (dir / "good.jsonl").string();
  std::ofstream(file) << two_sessions_jsonl();
  auto [code, out] = test::run_to_exit(STRIKED_PATH, {"data", "check", file});
  CHECK(code == 0);
  CHECK(out == file +
                   ": 750 candles of 1m from 2025-01-02T09:15:00+05:30 to "
                   "2025-01-03T15:29:00+05:30, 0 errors, 0 warnings\n");
}

TEST_CASE("data resample prints the coarser candles in the input's format") {
  test::temp_dir dir;
  const auto file = (dir / "m.jsonl").string();
  std::ofstream(file) << two_sessions_jsonl();
  auto [code, out] = test::run_to_exit(STRIKED_PATH, {"data", "resample", file, "--to", "1h"});
  CHECK(code == 0);
  const auto l = lines(out);
  REQUIRE(l.size() == 14);
  CHECK(l[0].rfind("[\"2025-01-02T09:15:00+05:30\",23500,", 0) == 0);
  CHECK(l[6].rfind("[\"2025-01-02T15:15:00+05:30\",", 0) == 0);
  auto [csv_code, csv] =
      test::run_to_exit(STRIKED_PATH, {"data", "resample", file, "--to", "1d", "--format", "csv"});
  CHECK(csv_code == 0);
  CHECK(lines(csv).size() == 3);
  CHECK(lines(csv)[0] == "timestamp,open,high,low,close,volume");
}

TEST_CASE("data resample refuses a finer target and a file with errors") {
  test::temp_dir dir;
  const auto file = (dir / "m.jsonl").string();
  std::ofstream(file) << two_sessions_jsonl() << "[\"2025-01-03T15:29:00+05:30\", 1, 1, 1, 1, 0]\n";
  auto [code, out] = test::run_to_exit(STRIKED_PATH, {"data", "resample", file, "--to", "5m"});
  CHECK(code == 1);
  CHECK(out.empty());
}

TEST_CASE("data indicators prints one row per candle, empty fields during warm-up") {
  test::temp_dir dir;
  const auto file = (dir / "m.jsonl").string();
  std::ofstream(file) << two_sessions_jsonl();
  auto [code, out] = test::run_to_exit(
      STRIKED_PATH, {"data", "indicators", file, "--with",
                     "ema:20,sma:20,rsi:14,atr:14,adx:14,vwap,bb:20:2,z:20,kalman"});
  CHECK(code == 0);
  const auto l = lines(out);
  REQUIRE(l.size() == 751);
  CHECK(l[0] ==
        "timestamp,ema:20,sma:20,rsi:14,atr:14,adx:14,+di:14,-di:14,vwap,bb:20:2:mid,bb:20:2:upper,"
        "bb:20:2:lower,z:20,kalman,kalman:z");
  // First bar: only VWAP has a value.
  CHECK(l[1].rfind("2025-01-02T09:15:00+05:30,,,,,,,,", 0) == 0);
  CHECK(l[1].substr(l[1].size() - 6) == ",,,,,,");
  // Bar 28 (index 27) is the first with every column.
  CHECK(l[28].find(",,") == std::string::npos);
  CHECK(l[27].find(",,") != std::string::npos);
  auto [bad_code, bad] =
      test::run_to_exit(STRIKED_PATH, {"data", "indicators", file, "--with", "macd:12"});
  CHECK(bad_code == 2);
}
