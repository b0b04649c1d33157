// The chart of a one-session journal: the index, the traded options with their entries and
// exits marked, and India VIX below, from the journal's own bars and breaker events; none for
// a journal of several sessions.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "daemon/report/report_data.hpp"
#include "daemon/report/report_html.hpp"
#include "daemon/report/session_chart.hpp"
#include "storage/journal_reader.hpp"
#include "tests/backtest/optimize_runs.hpp"
#include "tests/support/temp_dir.hpp"

namespace strike::test::session_chart_cases {

namespace ev = strike::events;
namespace rp = strike::daemon::report;

constexpr std::int64_t chart_minute = 60'000'000'000;
constexpr std::int64_t nine_fifteen = 1'767'584'700'000'000'000;  // 2026-01-05 09:15 IST

ev::event chart_event(std::int64_t seq, std::int64_t minutes, std::string corr, ev::payload body) {
  ev::event e;
  e.env.seq = seq;
  e.env.ts = nine_fifteen + minutes * chart_minute;
  e.env.corr = std::move(corr);
  e.body = std::move(body);
  return e;
}

ev::bar_closed chart_bar(const std::string& instrument, std::int64_t close) {
  return {instrument, ev::timeframe::m1, 0, close, close, close, close, 0, 0};
}

std::size_t chart_count(const std::string& text, const std::string& needle) {
  std::size_t n = 0;
  for (auto at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) ++n;
  return n;
}

// One session: NIFTY and VIX bars each minute, one option journaled with its bars and one not,
// a trade on each, and a VIX breaker trip.
rp::report_data one_day() {
  rp::report_builder b(10'00'000'00, "NSE:99926000");
  std::int64_t seq = 0;
  b.add(chart_event(++seq, 0, "", ev::session_opened{"2026-01-05", 0, "2026-01-06", 1}));
  for (int m = 1; m <= 30; ++m) {
    b.add(chart_event(++seq, m, "", chart_bar("NSE:99926000", 2600000 + m * 100)));
    b.add(chart_event(++seq, m, "", chart_bar("NSE:99926017", 1400 + m)));
    b.add(chart_event(++seq, m, "", chart_bar("NFO:1", 10000 + m * 10)));
  }
  b.add(
      chart_event(++seq, 5, "A", ev::position_opened{"NFO:1", "NIFTYCE", 65, 10050, 9000, 0, "A"}));
  b.add(chart_event(++seq, 9, "", ev::vix_breaker_tripped{25.5, "level", 25, 4}));
  b.add(chart_event(++seq, 10, "A", ev::position_exit_triggered{"NFO:1", "stop_loss", 10100, 65}));
  b.add(
      chart_event(++seq, 11, "A", ev::position_closed{"NFO:1", 65, 10050, 10110, 3900, 100, 3800}));
  b.add(chart_event(++seq, 12, "B",
                    ev::position_opened{"NFO:2", "NIFTYPE", 65, 20000, 18000, 0, "B"}));
  b.add(chart_event(++seq, 20, "B", ev::position_exit_triggered{"NFO:2", "target", 22000, 65}));
  b.add(chart_event(++seq, 21, "B",
                    ev::position_closed{"NFO:2", 65, 20000, 21950, 126750, 100, 126650}));
  return b.result();
}

// The shipped configuration, journaling India VIX's bars beside NIFTY's.
std::filesystem::path config_with_vix(const temp_dir& dir) {
  std::string text = optimize_runs::file_text(shipped_config);
  const std::string line = "journal_bars = [\"NSE:99926000\"]";
  const auto at = text.find(line);
  REQUIRE(at != std::string::npos);
  text.replace(at, line.size(), "journal_bars = [\"NSE:99926000\", \"NSE:99926017\"]");
  std::ofstream(dir / "config.toml") << text;
  return dir / "config.toml";
}

}  // namespace strike::test::session_chart_cases

using namespace strike::test;
using namespace strike::test::session_chart_cases;

TEST_CASE("report data: VIX comes from its bars and the breaker, other instruments by name") {
  const auto d = one_day();
  REQUIRE(d.vix.size() == 31);  // 30 bars and the trip
  CHECK(d.vix[8].value == 1409);
  CHECK(d.vix[9].value == 2550);  // the trip at minute 9, after that minute's bar
  CHECK(d.vix[10].value == 1410);
  REQUIRE(d.bars.count("NFO:1") == 1);
  CHECK(d.bars.at("NFO:1").size() == 30);
  CHECK(d.bars.count("NSE:99926017") == 0);
  CHECK(d.index.size() == 30);
  REQUIRE(d.trades.size() == 2);
  CHECK(d.trades[0].session == "2026-01-05");
  CHECK(d.trades[0].trigger_paise == 10100);
  CHECK(d.trades[0].trigger_ns == nine_fifteen + 10 * chart_minute);
}

TEST_CASE("session chart: each trade is marked at its entry and exit, VIX drawn below") {
  const auto d = one_day();
  REQUIRE(rp::single_session(d));
  const std::string html = rp::session_charts(d);
  CHECK(chart_count(html, "<path class=\"entry\"") == 2);
  CHECK(chart_count(html, "<path class=\"exit\"") == 2);
  CHECK(html.find("NIFTYCE entry 2026-01-05 09:20:00 at ₹100.50") != std::string::npos);
  CHECK(html.find("NIFTYPE exit 2026-01-05 09:36:00 at ₹219.50 (target)") != std::string::npos);
  // NFO:1 has its bars: one line; NFO:2 has none: a line through its fills, labelled so.
  CHECK(chart_count(html, "<polyline class=\"op0\"") == 1);
  CHECK(chart_count(html, "<polyline class=\"op1\"") == 1);
  CHECK(html.find("NIFTYPE (fills only)") != std::string::npos);
  CHECK(html.find("NIFTYCE (fills only)") == std::string::npos);
  CHECK(chart_count(html, "<polyline class=\"vix\"") == 1);
  CHECK(chart_count(html, "<circle class=\"vix\"") == 31);
  const std::string page = rp::report_html(d);
  CHECK(page.find("<section id=\"session\">") != std::string::npos);
  CHECK(page == rp::report_html(one_day()));
}

TEST_CASE("session chart: none for a journal of two sessions, a note where VIX is missing") {
  rp::report_builder two(10'00'000'00, "NSE:99926000");
  two.add(chart_event(1, 0, "", ev::session_opened{"2026-01-05", 0, "2026-01-06", 1}));
  two.add(chart_event(2, 1, "", chart_bar("NSE:99926000", 2600000)));
  two.add(chart_event(3, 24 * 60, "", ev::session_opened{"2026-01-06", 0, "2026-01-06", 0}));
  CHECK_FALSE(rp::single_session(two.result()));
  CHECK(rp::report_html(two.result()).find("id=\"session\"") == std::string::npos);

  rp::report_builder one(10'00'000'00, "NSE:99926000");
  one.add(chart_event(1, 0, "", ev::session_opened{"2026-01-05", 0, "2026-01-06", 1}));
  one.add(chart_event(2, 1, "", chart_bar("NSE:99926000", 2600000)));
  one.add(chart_event(3, 2, "", chart_bar("NSE:99926000", 2601000)));
  const std::string html = rp::session_charts(one.result());
  CHECK(html.find("No India VIX in this journal") != std::string::npos);
  CHECK(chart_count(html, "<polyline class=\"ix\"") == 1);
}

TEST_CASE("striked report of a one-day backtest draws NIFTY, the options traded and VIX") {
  temp_dir dir;
  const auto config = config_with_vix(dir);
  const auto day = dir / "day";
  REQUIRE(optimize_runs::run_striked({"backtest", "--config", config.string(), "--from",
                                      "2026-01-07", "--to", "2026-01-07", "--synthetic", "7",
                                      "--out", day.string(), "--quiet"})
              .code == 0);
  REQUIRE(optimize_runs::run_striked({"report", day.string()}).code == 0);
  const std::string page = optimize_runs::file_text(day / "report.html");
  std::size_t opened = 0, closed = 0, vix_bars = 0;
  auto read = strike::storage::read_journal(day, 0, [&](const ev::event& e) -> strike::status {
    opened += std::holds_alternative<ev::position_opened>(e.body);
    closed += std::holds_alternative<ev::position_closed>(e.body);
    if (const auto* b = std::get_if<ev::bar_closed>(&e.body))
      vix_bars += b->instrument == "NSE:99926017";
    return {};
  });
  REQUIRE(read);
  REQUIRE(closed > 0);
  REQUIRE(vix_bars > 0);
  CHECK(page.find("<section id=\"session\">") != std::string::npos);
  CHECK(chart_count(page, "<path class=\"entry\"") == opened);
  CHECK(chart_count(page, "<path class=\"exit\"") == closed);
  CHECK(chart_count(page, "<polyline class=\"vix\"") == 1);
  CHECK(chart_count(page, "<polyline class=\"ix\"") ==
        2);  // the session chart and the equity chart
}
