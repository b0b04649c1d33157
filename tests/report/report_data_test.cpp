// What the report folds from a journal: the header from the run's own events, trades paired
// with their open and exit trigger by entry order, the equity after each close, the index's
// finest closes, and the breaker trips and halts in order.
#include <doctest/doctest.h>

#include "daemon/report/report_data.hpp"
#include "daemon/report/report_html.hpp"

namespace strike::test::report_data_test {

namespace ev = strike::events;
namespace rp = strike::daemon::report;

constexpr std::int64_t minute = 60'000'000'000;

ev::event at(std::int64_t seq, std::string corr, ev::payload body) {
  ev::event e;
  e.env.seq = seq;
  e.env.ts = 1'767'584'700'000'000'000 + seq * minute;  // 2026-01-05 09:15 IST onwards
  e.env.corr = std::move(corr);
  e.body = std::move(body);
  return e;
}

// Two positions open at once, closed in the other order; a halt and a VIX trip between.
rp::report_data two_trades() {
  rp::report_builder b(10'00'000'00, "NSE:99926000");
  b.add(at(1, "", ev::daemon_started{"1.2.3", 0, "backtest", "trend<alignment>"}));
  b.add(at(2, "", ev::config_loaded{"/etc/strike.toml", "abc123", "batch"}));
  b.add(at(3, "", ev::session_opened{"2026-01-05", 0, "2026-01-06", 1}));
  b.add(at(4, "", ev::bar_closed{"NSE:99926000", ev::timeframe::m5, 0, 1, 1, 1, 2600000, 0, 0}));
  b.add(at(5, "", ev::bar_closed{"NSE:99926000", ev::timeframe::m1, 0, 1, 1, 1, 2601000, 0, 0}));
  b.add(at(6, "A", ev::position_opened{"NFO:1", "NIFTYCE", 65, 10000, 9000, 0, "A"}));
  b.add(at(7, "B", ev::position_opened{"NFO:2", "NIFTYPE", 130, 20000, 18000, 0, "B"}));
  b.add(at(8, "", ev::vix_breaker_tripped{22.5, "level", 22, 4}));
  b.add(at(9, "B", ev::position_exit_triggered{"NFO:2", "stop_loss", 18000, 130}));
  b.add(at(10, "B", ev::position_exit_triggered{"NFO:2", "end_of_day", 18000, 130}));
  b.add(at(11, "B", ev::position_closed{"NFO:2", 130, 20000, 18000, -260000, 5000, -265000}));
  b.add(at(12, "", ev::trading_halted{"daily_loss", "day", true, "loss past the limit"}));
  b.add(at(13, "A", ev::position_exit_triggered{"NFO:1", "target", 12000, 65}));
  b.add(at(14, "A", ev::position_closed{"NFO:1", 65, 10000, 12000, 130000, 4000, 126000}));
  b.add(at(15, "", ev::session_closed{"2026-01-05", "2026-01-06"}));
  return b.result();
}

}  // namespace strike::test::report_data_test

using namespace strike::test::report_data_test;

TEST_CASE("report data: the header comes from DaemonStarted, ConfigLoaded and the sessions") {
  const auto d = two_trades();
  CHECK(d.header.strategy == "trend<alignment>");
  CHECK(d.header.version == "1.2.3");
  CHECK(d.header.config_sha256 == "abc123");
  CHECK(d.header.first_session == "2026-01-05");
  CHECK(d.header.last_session == "2026-01-05");
  CHECK(d.header.uptime_ns == -1);
}

TEST_CASE("report data: trades pair open, first exit trigger and close by entry order") {
  const auto d = two_trades();
  REQUIRE(d.trades.size() == 2);
  CHECK(d.trades[0].open_seq == 7);
  CHECK(d.trades[0].close_seq == 11);
  CHECK(d.trades[0].symbol == "NIFTYPE");
  CHECK(d.trades[0].exit_reason == "stop_loss");
  CHECK(d.trades[1].open_seq == 6);
  CHECK(d.trades[1].close_seq == 14);
  CHECK(d.trades[1].exit_reason == "target");
  REQUIRE(d.equity.size() == 2);
  CHECK(d.equity[0].value == -265000);
  CHECK(d.equity[1].value == -139000);
  CHECK(d.stats.net_pnl_paise == -139000);
}

TEST_CASE("report data: the index is drawn from its finest timeframe, breakers in seq order") {
  const auto d = two_trades();
  REQUIRE(d.index.size() == 1);
  CHECK(d.index[0].value == 2601000);
  REQUIRE(d.timeline.size() == 2);
  CHECK(d.timeline[0].type == "VixBreakerTripped");
  CHECK(d.timeline[1].type == "TradingHalted");
  CHECK(d.timeline[1].detail == "daily_loss (day, flatten): loss past the limit");
}

TEST_CASE("report data: a close without its open in the journal still gets a row") {
  rp::report_builder b(10'00'000'00, "NSE:99926000");
  b.add(at(40, "Z", ev::position_closed{"NFO:3", 65, 100, 90, -650, 10, -660}));
  const auto d = b.result();
  REQUIRE(d.trades.size() == 1);
  CHECK(d.trades[0].open_seq == 0);
  CHECK(d.trades[0].close_seq == 40);
  CHECK(rp::report_html(d).find("seq ? → 40") != std::string::npos);
}

TEST_CASE("report html: strings from the journal are escaped and unknowns say so") {
  const std::string page = rp::report_html(two_trades());
  CHECK(page.find("trend&lt;alignment&gt;") != std::string::npos);
  CHECK(page.find("trend<alignment>") == std::string::npos);
  CHECK(page.find("<dt>parameters</dt><dd>unknown</dd>") != std::string::npos);
  CHECK(page == rp::report_html(two_trades()));
  const std::string empty = rp::report_html(rp::report_builder(100, "NSE:99926000").result());
  CHECK(empty.find("<dt>strategy</dt><dd>unknown</dd>") != std::string::npos);
  CHECK(empty.find("No closed trades") != std::string::npos);
}
