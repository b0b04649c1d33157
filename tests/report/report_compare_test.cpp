// `striked report A --compare B`: the sessions both journals cover, their statistics side by
// side, and their trades matched one to one by symbol and nearest entry within a session.
#include <doctest/doctest.h>

#include <filesystem>
#include <map>
#include <string>

#include "daemon/report/compare.hpp"
#include "storage/journal_reader.hpp"
#include "tests/backtest/optimize_runs.hpp"
#include "tests/support/temp_dir.hpp"

namespace strike::test::report_compare_cases {

namespace ev = strike::events;
namespace rp = strike::daemon::report;

constexpr std::int64_t compare_minute = 60'000'000'000;

rp::trade_row compare_trade(const std::string& session, const std::string& symbol,
                            std::int64_t minutes) {
  rp::trade_row t;
  t.session = session;
  t.symbol = symbol;
  t.instrument = "NFO:" + symbol;
  t.entry_ns = minutes * compare_minute;
  t.exit_ns = (minutes + 5) * compare_minute;
  return t;
}

ev::event compare_event(std::int64_t seq, std::int64_t ts, ev::payload body) {
  ev::event e;
  e.env.seq = seq;
  e.env.ts = ts;
  e.body = std::move(body);
  return e;
}

std::size_t compare_count(const std::string& text, const std::string& needle) {
  std::size_t n = 0;
  for (auto at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) ++n;
  return n;
}

// PositionClosed events of a journal by the session they fall in.
std::map<std::string, std::size_t> closes_by_session(const std::filesystem::path& dir) {
  std::map<std::string, std::size_t> out;
  rp::session_tracker sessions;
  auto read = strike::storage::read_journal(dir, 0, [&](const ev::event& e) -> strike::status {
    const std::string& session = sessions.session_of(e);
    if (std::holds_alternative<ev::position_closed>(e.body)) ++out[session];
    return {};
  });
  REQUIRE(read);
  return out;
}

// A synthetic backtest over from..to, run once per directory for all tests of this file.
const std::filesystem::path& backtest(const std::string& name, const std::string& from,
                                      const std::string& to) {
  static temp_dir dir;
  static std::map<std::string, std::filesystem::path> done;
  if (auto it = done.find(name); it != done.end()) return it->second;
  const auto out = dir / name;
  REQUIRE(
      optimize_runs::run_striked({"backtest", "--config", shipped_config, "--from", from, "--to",
                                  to, "--synthetic", "7", "--out", out.string(), "--quiet"})
          .code == 0);
  return done.emplace(name, out).first->second;
}

}  // namespace strike::test::report_compare_cases

using namespace strike::test;
using namespace strike::test::report_compare_cases;

TEST_CASE("compare: trades pair by symbol within a session, nearest entries first") {
  const std::vector<rp::trade_row> primary{
      compare_trade("2026-01-05", "X", 600), compare_trade("2026-01-05", "X", 660),
      compare_trade("2026-01-05", "Y", 630), compare_trade("2026-01-06", "X", 600)};
  const std::vector<rp::trade_row> other{
      compare_trade("2026-01-05", "X", 658), compare_trade("2026-01-05", "X", 603),
      compare_trade("2026-01-06", "X", 620), compare_trade("2026-01-05", "Z", 720)};
  const auto pairs = rp::match_trades(primary, other);
  REQUIRE(pairs.size() == 5);
  const auto is = [&](std::size_t k, std::optional<std::size_t> p, std::optional<std::size_t> o) {
    return pairs[k].primary == p && pairs[k].other == o;
  };
  CHECK(is(0, 0, 1));  // 10:00 with 10:03, not with 10:58
  CHECK(is(1, 2, std::nullopt));
  CHECK(is(2, 1, 0));
  CHECK(is(3, std::nullopt, 3));
  CHECK(is(4, 3, 2));  // the same symbol the next day pairs only within that day
  CHECK(rp::match_trades(primary, other).size() == pairs.size());
}

TEST_CASE("compare: a session filter keeps the run's header and the chosen sessions only") {
  const std::int64_t day = 24 * 60 * compare_minute;
  const std::int64_t first = 1'767'584'700'000'000'000;  // 2026-01-05 09:15 IST
  rp::session_filter filter({"2026-01-06"});
  CHECK(filter.keep(
      compare_event(1, first - compare_minute, ev::daemon_started{"1", 1, "paper", "s"})));
  CHECK_FALSE(filter.keep(compare_event(2, first, ev::session_opened{"2026-01-05", 0, "", 0})));
  CHECK_FALSE(
      filter.keep(compare_event(3, first + compare_minute, ev::session_closed{"2026-01-05", ""})));
  CHECK(filter.keep(compare_event(4, first + day, ev::session_opened{"2026-01-06", 0, "", 0})));
  CHECK(filter.keep(
      compare_event(5, first + day + compare_minute, ev::session_closed{"2026-01-06", ""})));
  CHECK(filter.keep(
      compare_event(6, first + day + 2 * compare_minute, ev::daemon_stopped{0, true, 0})));
}

TEST_CASE("striked report --compare of a journal with a copy of itself matches every trade") {
  const auto& week = backtest("week", "2026-01-05", "2026-01-09");
  temp_dir dir;
  std::filesystem::copy(week, dir / "copy");
  const auto out = dir / "page.html";
  const auto r = optimize_runs::run_striked(
      {"report", week.string(), "--compare", (dir / "copy").string(), "--out", out.string()});
  REQUIRE(r.code == 0);
  const std::string page = optimize_runs::file_text(out);
  std::size_t closes = 0;
  for (const auto& [session, n] : closes_by_session(week)) closes += n;
  REQUIRE(closes > 0);
  CHECK(compare_count(page, "<tr class=\"pair\">") == closes);
  CHECK(compare_count(page, "<tr class=\"unmatched\">") == 0);
  CHECK(page.find(std::to_string(closes) + " trades matched, 0 only in") != std::string::npos);
  CHECK(page.find("net P&amp;L difference over the matched trades ₹0.00.") != std::string::npos);
  CHECK(page.find("over 5 sessions both cover, 2026-01-05 to 2026-01-09") != std::string::npos);
  // Both are backtests: each is told apart by the path it was given as.
  CHECK(page.find("Compared with backtest (" + (dir / "copy").string() + ")") != std::string::npos);
}

TEST_CASE("striked report --compare counts only the sessions both journals cover") {
  const auto& week = backtest("week", "2026-01-05", "2026-01-09");
  const auto& day = backtest("day", "2026-01-07", "2026-01-07");
  temp_dir dir;
  const auto out = dir / "page.html";
  REQUIRE(optimize_runs::run_striked(
              {"report", week.string(), "--compare", day.string(), "--out", out.string()})
              .code == 0);
  const std::string page = optimize_runs::file_text(out);
  const std::size_t in_week = closes_by_session(week)["2026-01-07"];
  const std::size_t in_day = closes_by_session(day)["2026-01-07"];
  REQUIRE(in_day > 0);
  CHECK(page.find("over the one session both cover, 2026-01-07 to 2026-01-07") !=
        std::string::npos);
  const auto stats = page.find("<table class=\"stats compare\">");
  REQUIRE(stats != std::string::npos);
  const std::string trades_row = "<tr><th>trades</th><td>" + std::to_string(in_week) + " (";
  CHECK(page.find(trades_row, stats) != std::string::npos);
  CHECK(page.find("</td><td>" + std::to_string(in_day) + " (", page.find(trades_row, stats)) !=
        std::string::npos);
  const std::size_t pairs = compare_count(page, "<tr class=\"pair\">");
  CHECK(2 * pairs + compare_count(page, "<tr class=\"unmatched\">") == in_week + in_day);
  // The page's own statistics are still the whole week's.
  CHECK(page.find("<tr><th>sessions</th><td>5</td></tr>") != std::string::npos);
}

TEST_CASE("striked report --compare of a journal that does not exist exits 2 naming it") {
  const auto& week = backtest("week", "2026-01-05", "2026-01-09");
  temp_dir dir;
  const std::string missing = (dir / "no-such-journal").string();
  const auto r = optimize_runs::run_striked(
      {"report", week.string(), "--compare", missing, "--out", (dir / "p.html").string()});
  CHECK(r.code == 2);
  CHECK(r.err.find(missing) != std::string::npos);
  CHECK_FALSE(std::filesystem::exists(dir / "p.html"));
}
