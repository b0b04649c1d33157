// The statistics of a journal, from a hand-made day whose figures are known, and from
// `striked stats` on a backtest's journal, which must agree with the backtest's own summary.
#include <doctest/doctest.h>

#include "core/report/trading_stats.hpp"
#include "tests/support/child_process.hpp"
#include "tests/support/temp_dir.hpp"

using namespace strike;
namespace ev = strike::events;

namespace {

ev::event at(std::int64_t ts, std::string key, ev::payload body) {
  ev::event e;
  e.env.ts = ts;
  e.env.key = std::move(key);
  e.body = std::move(body);
  return e;
}

ev::position_closed closed(std::int64_t net) {
  return {"NFO:1", 65, 100, 100, net + 10, 10, net};
}

}  // namespace

TEST_CASE(
    "trading statistics: win rate, profit factor, streaks, drawdown and exposure of a known day") {
  const std::int64_t minute = 60'000'000'000;
  core::report::trading_stats_builder b(100'000);  // ₹1,000 of capital
  b.add(at(0, "", ev::session_opened{"2026-01-05", 0, "", 0}));
  b.add(at(10 * minute, "opened:a", ev::position_opened{}));
  b.add(at(20 * minute, "closed:a", closed(1000)));
  b.add(at(30 * minute, "opened:b", ev::position_opened{}));
  b.add(at(40 * minute, "closed:b", closed(-500)));
  b.add(at(50 * minute, "opened:c", ev::position_opened{}));
  b.add(at(60 * minute, "closed:c", closed(-300)));
  b.add(at(70 * minute, "", ev::entry_filtered{"s", "i", "rsi_band", 0, 0, ""}));
  b.add(at(80 * minute, "", ev::entry_filtered{"s", "i", "rsi_band", 0, 0, ""}));
  b.add(at(100 * minute, "", ev::session_closed{"2026-01-05", "2026-01-06"}));
  const auto s = b.result();
  CHECK(s.trades == 3);
  CHECK(s.wins == 1);
  CHECK(s.losses == 2);
  CHECK(s.win_rate == doctest::Approx(1.0 / 3));
  CHECK(s.net_pnl_paise == 200);
  CHECK(s.charges_paise == 30);
  CHECK(s.gross_pnl_paise == 230);
  CHECK(s.profit_factor == doctest::Approx(1000.0 / 800));
  CHECK(s.expectancy_paise == 66);
  CHECK(s.average_win_paise == 1000);
  CHECK(s.average_loss_paise == -400);
  CHECK(s.longest_losing_streak == 2);
  CHECK(s.max_drawdown_paise == 800);  // from +1000 after the first trade to +200
  CHECK(s.max_drawdown_pct == doctest::Approx(100.0 * 800 / 101'000));
  CHECK(s.max_drawdown_ns ==
        80 * minute);  // never recovered: from the peak at 20 to the end at 100
  CHECK(s.exposure == doctest::Approx(0.3));  // 30 of 100 session minutes held
  CHECK(s.days == 1);
  CHECK(s.filtered.at("rsi_band") == 2);
}

TEST_CASE("a drawdown from the first trade lasts from the journal's start, not from 1970") {
  const std::int64_t start = 1'767'584'700'000'000'000, hour = 3'600'000'000'000;
  core::report::trading_stats_builder b(100'000);
  b.add(at(start, "", ev::session_opened{"2026-01-05", 0, "", 0}));
  b.add(at(start + hour, "closed:a", closed(-500)));
  b.add(at(start + 3 * hour, "closed:b", closed(200)));
  const auto s = b.result();
  CHECK(s.max_drawdown_paise == 500);
  CHECK(s.max_drawdown_ns == 3 * hour);  // still under water at the end
}

TEST_CASE("striked stats on a backtest's journal agrees with the backtest's summary") {
  test::temp_dir dir;
  const std::string striked = STRIKED_PATH;
  const std::string config = std::string(STRIKE_SOURCE_DIR) + "/config.toml";
  const auto out = (dir / "bt").string();
  auto [code, table] =
      test::run_to_exit(striked, {"backtest", "--config", config, "--from", "2026-01-05", "--to",
                                  "2026-01-07", "--synthetic", "3", "--out", out, "--quiet"});
  REQUIRE(code == 0);
  CHECK(table.find("profit factor") != std::string::npos);
  auto [scode, json] = test::run_to_exit(striked, {"stats", out + "/events.jsonl", "--json"});
  REQUIRE(scode == 0);
  std::ifstream in(dir / "bt" / "summary.json");
  const std::string summary((std::istreambuf_iterator<char>(in)), {});
  auto field = [](const std::string& text, const std::string& name) {
    const auto at = text.find("\"" + name + "\":");
    REQUIRE(at != std::string::npos);
    return std::stoll(text.substr(at + name.size() + 3));
  };
  CHECK(field(json, "trades") == field(summary, "trades"));
  CHECK(field(json, "net_pnl_paise") == field(summary, "net_pnl_paise"));
  CHECK(field(json, "charges_paise") == field(summary, "charges_paise"));
  CHECK(field(json, "max_drawdown_paise") >= 0);
  auto [bad, none] = test::run_to_exit(striked, {"stats", (dir / "nothing").string()});
  CHECK(bad == 2);
}
