// `striked backtest --data DIR` on bar files laid out as a daemon records them: the same
// journal twice, and damaged data (a missing day, a malformed line, a gap, a contract the data
// lacks) reported by file and line, never a run that looks complete when it is not.
#include <doctest/doctest.h>

#include <fstream>
#include <map>
#include <sstream>

#include "daemon/config.hpp"
#include "daemon/holidays_file.hpp"
#include "storage/journal_reader.hpp"
#include "tests/backtest/recorded_days.hpp"
#include "tests/support/child_process.hpp"
#include "tests/support/striked.hpp"
#include "tests/support/temp_dir.hpp"

using namespace strike;
namespace ev = strike::events;

namespace {

using test::shipped_config;
using test::striked;

// Fifty-odd days of index history for the strategy's warm-up, then options from 2026-01-12,
// to 2026-01-14 (the strategy trades on 2026-01-13).
void record_days(const std::filesystem::path& dir) {
  auto cfg = daemon::load_config(shipped_config);
  REQUIRE(cfg.ok());
  auto calendar = daemon::make_session_calendar(cfg->session);
  REQUIRE(calendar.ok());
  test::record_synthetic_days(dir, *calendar, *core::parse_date("2025-11-01"),
                              *core::parse_date("2026-01-14"), *core::parse_date("2026-01-12"));
}

struct run_outcome {
  std::optional<int> code;
  std::string err;
};

run_outcome backtest_data(const std::filesystem::path& data, const std::filesystem::path& out,
                          const char* from = "2026-01-12", const char* to = "2026-01-14",
                          const std::string& config = shipped_config) {
  test::child_process p(striked, {"backtest", "--config", config, "--from", from, "--to", to,
                                  "--data", data.string(), "--out", out.string(), "--quiet"});
  const auto code = p.wait_exit(std::chrono::seconds(120));
  return {code, p.drain_stderr()};
}

std::string text_of(const std::filesystem::path& file) {
  std::ifstream in(file);
  return {std::istreambuf_iterator<char>(in), {}};
}

std::vector<ev::event> journal_of(const std::filesystem::path& dir) {
  std::vector<ev::event> out;
  REQUIRE(storage::read_journal(dir, 0, [&](const ev::event& e) -> status {
            out.push_back(e);
            return {};
          }).ok());
  return out;
}

// Rewrites a day file keeping only the lines `keep` accepts.
template <class Keep>
void filter_lines(const std::filesystem::path& file, Keep keep) {
  std::istringstream in(text_of(file));
  std::string kept;
  for (std::string line; std::getline(in, line);)
    if (keep(line)) kept += line + "\n";
  std::ofstream(file, std::ios::trunc) << kept;
}

}  // namespace

TEST_CASE("a backtest on recorded bars trades, and twice gives the same journal byte for byte") {
  test::temp_dir data, a, b;
  record_days(data.path());
  const auto first = backtest_data(data.path(), a / "out");
  REQUIRE_MESSAGE(first.code == 0, first.err);
  const auto second = backtest_data(data.path(), b / "out");
  REQUIRE_MESSAGE(second.code == 0, second.err);
  CHECK(text_of(a / "out" / "events.jsonl") == text_of(b / "out" / "events.jsonl"));
  CHECK(text_of(a / "out" / "summary.json") == text_of(b / "out" / "summary.json"));
  int opened = 0, closed = 0;
  for (const auto& e : journal_of(a / "out")) {
    opened += std::holds_alternative<ev::position_opened>(e.body);
    closed += std::holds_alternative<ev::position_closed>(e.body);
    if (const auto* r = std::get_if<ev::market_data_rejected>(&e.body)) FAIL(r->detail);
  }
  CHECK(opened > 0);
  CHECK(opened == closed);
}

TEST_CASE("a trading day missing from the data stops the backtest, naming the day") {
  test::temp_dir data, out;
  record_days(data.path());
  std::filesystem::remove(data / "bars" / "2026-01-13.jsonl");
  const auto run = backtest_data(data.path(), out / "out");
  CHECK(run.code == 1);
  CHECK(run.err.find("no bar file for the trading day 2026-01-13") != std::string::npos);
  CHECK(std::filesystem::exists(out / "out" / "INCOMPLETE"));
  CHECK_FALSE(std::filesystem::exists(out / "out" / "summary.json"));
}

TEST_CASE("a malformed line in the data stops the backtest, naming the file and line") {
  test::temp_dir data, out;
  record_days(data.path());
  const auto day = data / "bars" / "2026-01-13.jsonl";
  {
    // Damage in place of the third line.
    std::istringstream in(text_of(day));
    std::string damaged, line;
    for (int n = 1; std::getline(in, line); ++n)
      damaged += (n == 3 ? "{\"i\":\"NSE:99926000\",\"tf\":" : line) + "\n";
    std::ofstream(day, std::ios::trunc) << damaged;
  }
  const auto run = backtest_data(data.path(), out / "out");
  CHECK(run.code == 1);
  CHECK(run.err.find(day.string() + ":3") != std::string::npos);
  CHECK_FALSE(std::filesystem::exists(out / "out" / "summary.json"));
}

TEST_CASE("candle files of the recorded bars give the same journal as the bar files") {
  test::temp_dir bars, candles, a, b;
  record_days(bars.path());
  std::filesystem::copy(bars / "instruments", candles / "instruments");
  test::bars_as_candles(bars / "bars", candles / "candles");
  REQUIRE(std::filesystem::exists(candles / "candles" / "NSE-99926000.csv"));
  const auto from_bars = backtest_data(bars.path(), a / "out");
  REQUIRE_MESSAGE(from_bars.code == 0, from_bars.err);
  const auto from_candles = backtest_data(candles.path(), b / "out");
  REQUIRE_MESSAGE(from_candles.code == 0, from_candles.err);
  CHECK(text_of(a / "out" / "events.jsonl") == text_of(b / "out" / "events.jsonl"));
  CHECK(text_of(a / "out" / "summary.json") == text_of(b / "out" / "summary.json"));
}

TEST_CASE("a bad candle file stops the backtest before it starts, naming file, line and field") {
  test::temp_dir data, out;
  record_days(data.path());
  std::filesystem::create_directory(data / "c");
  std::filesystem::copy(data / "instruments", data / "c" / "instruments");
  test::bars_as_candles(data / "bars", data / "c" / "candles");
  const auto index = data / "c" / "candles" / "NSE-99926000.csv";
  const std::string good = text_of(index);
  {
    // The third line's high below its low.
    std::istringstream in(good);
    std::string damaged, line;
    for (int n = 1; std::getline(in, line); ++n)
      damaged +=
          (n == 3 ? line.substr(0, line.find(',')) + ",100.00,90.00,95.00,95.00,0,0" : line) + "\n";
    std::ofstream(index, std::ios::trunc) << damaged;
  }
  auto run = backtest_data(data / "c", out / "a");
  CHECK(run.code == 2);  // bad input, as a nonexistent data directory
  CHECK(run.err.find(index.string() + ":3:high: high ") != std::string::npos);
  CHECK_FALSE(std::filesystem::exists(out / "a" / "summary.json"));

  std::ofstream(index, std::ios::trunc) << good;
  std::filesystem::rename(index, data / "c" / "candles" / "nifty.csv");
  run = backtest_data(data / "c", out / "b");
  CHECK(run.code == 2);  // bad input, as a nonexistent data directory
  CHECK(run.err.find("nifty.csv: not named for its instrument") != std::string::npos);
  CHECK_FALSE(std::filesystem::exists(out / "b" / "summary.json"));
}

TEST_CASE("a gap in the index's minutes and a contract the data lacks are journaled, by file") {
  test::temp_dir data, out;
  record_days(data.path());
  const auto day = data / "bars" / "2026-01-12.jsonl";
  // 10:00 to 10:04 IST on 2026-01-12 gone from the index; every option of 2026-01-13 gone.
  const std::int64_t ten = core::ist_time_ns(*core::parse_date("2026-01-12"), 10 * 60);
  filter_lines(day, [&](const std::string& line) {
    if (line.find("\"NSE:99926000\"") == std::string::npos) return true;
    for (int m = 0; m < 5; ++m)
      if (line.find("\"t\":" + std::to_string(ten + m * core::ns_per_minute) + ",") !=
          std::string::npos)
        return false;
    return true;
  });
  filter_lines(data / "bars" / "2026-01-13.jsonl",
               [](const std::string& line) { return line.find("\"NFO:") == std::string::npos; });
  const auto run = backtest_data(data.path(), out / "out");
  REQUIRE_MESSAGE(run.code == 0, run.err);
  bool gap = false, absent = false;
  for (const auto& e : journal_of(out / "out")) {
    if (const auto* r = std::get_if<ev::market_data_rejected>(&e.body)) {
      CAPTURE(r->detail);
      if (r->reason == "gap") {
        gap = true;
        CHECK(r->instrument == "NSE:99926000");
        CHECK(r->count == 5);
        CHECK(r->detail == day.string() + ": no 1m bars from 10:00 to 10:04 IST");
      } else if (r->reason == "absent") {
        absent = true;
        CHECK(r->detail.find("2026-01-13.jsonl: no bars of NFO:") != std::string::npos);
      } else {
        // The engine's own account of the same gap, as a live daemon gives it.
        CHECK(r->reason == "backfill_failed");
      }
    }
  }
  CHECK(absent);
  CHECK(gap);
}

TEST_CASE("with a volume share, fills at a print stay within it in whole lots, and still add up") {
  test::temp_dir data, out;
  record_days(data.path());
  // Each option minute trades 1,300 units, 325 a print: a quarter of it is 81, one lot of 65.
  std::string config = text_of(shipped_config);
  const auto at = config.find("volume_share_pct = 0");
  REQUIRE(at != std::string::npos);
  config.replace(at, 20, "volume_share_pct = 25");
  // Two lots whatever the VIX and the days to expiry, so that an order can be split.
  for (auto lots = config.find("lots = 1"); lots != std::string::npos;
       lots = config.find("lots = 1", lots))
    config.replace(lots, 8, "lots = 2");
  std::ofstream(out / "config.toml") << config;
  const auto run = backtest_data(data.path(), out / "out", "2026-01-12", "2026-01-14",
                                 (out / "config.toml").string());
  REQUIRE_MESSAGE(run.code == 0, run.err);
  std::map<std::string, int> fills_of;
  std::map<std::string, std::int64_t> filled, ordered;
  int opened = 0, closed = 0;
  for (const auto& e : journal_of(out / "out")) {
    if (const auto* i = std::get_if<ev::order_intent>(&e.body)) ordered[i->order] = i->qty;
    if (const auto* f = std::get_if<ev::order_filled>(&e.body)) {
      CHECK(f->qty == 65);
      ++fills_of[f->order];
      filled[f->order] += f->qty;
      CHECK(f->filled_qty == filled[f->order]);
      CHECK(f->leaves_qty == ordered[f->order] - filled[f->order]);
    }
    opened += std::holds_alternative<ev::position_opened>(e.body);
    closed += std::holds_alternative<ev::position_closed>(e.body);
  }
  // Orders of two lots filled a lot at a time: the rest of an entry is left working (or is
  // cancelled by a stop that came first), as partial fills are live.
  int partial = 0;
  for (const auto& [order, qty] : filled) partial += qty < ordered[order] || fills_of[order] > 1;
  CHECK(partial > 0);
  CHECK(opened > 0);
  CHECK(opened == closed);
}
