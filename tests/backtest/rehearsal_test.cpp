// Rehearsing decisions between market updates (session_engine_options::rehearse) walks the
// strategies' filters and contract pick, the entry's sizing, order key, risk check and events,
// and must change nothing: with it, the same days journal the same events, byte for byte, for
// every strategy that trades.
#include <doctest/doctest.h>

#include <fstream>
#include <iterator>

#include "backtest/backtest_run.hpp"
#include "backtest/synthetic_market.hpp"
#include "core/strategy/registry.hpp"
#include "daemon/commands/decision_path.hpp"
#include "daemon/config.hpp"
#include "daemon/holidays_file.hpp"
#include "tests/support/striked.hpp"
#include "tests/support/temp_dir.hpp"

using namespace strike;

namespace {

struct rehearsed_run {
  std::string journal;  // events.jsonl, byte for byte
  std::int64_t trades = 0;
};

rehearsed_run run_rehearsed(const std::filesystem::path& out, const std::string& strategy,
                            core::strategy::params params, bool rehearse) {
  auto cfg = daemon::load_config(test::shipped_config);
  REQUIRE(cfg.ok());
  auto strat = core::strategy::builtin_strategies().make(strategy, params);
  REQUIRE_MESSAGE(strat.ok(), strat.error().message);
  auto calendar = daemon::make_session_calendar(cfg->session);
  REQUIRE(calendar.ok());
  backtest::backtest_request r;
  r.out = out;
  r.from = *core::parse_date("2026-01-05");
  r.to = *core::parse_date("2026-01-07");
  r.calendar = &*calendar;
  r.trading = cfg->trading.trading;
  r.journal_bars = cfg->market.journal_bars;
  backtest::synthetic_market market({.seed = 11, .anchor = r.from});
  r.market = &market;
  r.version = "test";
  r.step_ns = 5'000'000'000;
  r.rehearse = rehearse;
  auto summary = backtest::run_backtest(r, **strat);
  REQUIRE_MESSAGE(summary.ok(), summary.error().message);
  std::ifstream in(out / "events.jsonl");
  rehearsed_run run;
  run.journal.assign(std::istreambuf_iterator<char>(in), {});
  run.trades = summary->trades;
  return run;
}

}  // namespace

TEST_CASE("rehearsing decisions between updates changes no decision, for the shipped strategy") {
  auto cfg = daemon::load_config(test::shipped_config);
  REQUIRE(cfg.ok());
  test::temp_dir plain, rehearsed;
  const auto a =
      run_rehearsed(plain.path(), cfg->runtime.strategy.name, cfg->runtime.strategy.params, false);
  const auto b = run_rehearsed(rehearsed.path(), cfg->runtime.strategy.name,
                               cfg->runtime.strategy.params, true);
  CHECK(a.trades > 0);
  CHECK(a.journal == b.journal);
}

TEST_CASE(
    "rehearsing decisions between updates changes no decision, for a strategy that decides "
    "every few minutes") {
  test::temp_dir plain, rehearsed;
  // The decision benchmark's: entries, filters and exits through the whole day.
  const auto a = run_rehearsed(plain.path(), daemon::busy_strategy_name,
                               daemon::busy_strategy_params(), false);
  const auto b = run_rehearsed(rehearsed.path(), daemon::busy_strategy_name,
                               daemon::busy_strategy_params(), true);
  CHECK(a.trades > 10);
  CHECK(a.journal == b.journal);
}
