// Backtests on the engine that trades live: whole runs over synthetic days through the library
// and the `striked backtest` command, held to determinism, to the exchange's timing rule, to
// their own P&L, and to the absence of lookahead.
#include <doctest/doctest.h>

#include <algorithm>
#include <map>

#include "backtest/backtest_run.hpp"
#include "backtest/synthetic_market.hpp"
#include "core/strategy/registry.hpp"
#include "daemon/config.hpp"
#include "daemon/holidays_file.hpp"
#include "storage/journal_reader.hpp"
#include "tests/support/child_process.hpp"
#include "tests/support/striked.hpp"
#include "tests/support/temp_dir.hpp"

using namespace strike;
namespace ev = strike::events;

namespace {

using test::striked;
using test::shipped_config;

struct run_result {
  backtest::backtest_summary summary;
  std::vector<ev::event> events;
  std::string text;  // events.jsonl, byte for byte
};

run_result backtest_days(const std::filesystem::path& out, const char* from, const char* to,
                         std::uint64_t seed = 7, backtest::exchange_config exchange = {}) {
  auto cfg = daemon::load_config(shipped_config);
  REQUIRE(cfg.ok());
  auto params = cfg->runtime.strategy.params;
  auto strat = core::strategy::builtin_strategies().make(cfg->runtime.strategy.name, params);
  REQUIRE(strat.ok());
  auto calendar = daemon::make_session_calendar(cfg->session);
  REQUIRE(calendar.ok());
  backtest::backtest_request r;
  r.out = out;
  r.from = *core::parse_date(from);
  r.to = *core::parse_date(to);
  r.calendar = &*calendar;
  r.trading = cfg->trading.trading;
  r.journal_bars = cfg->market.journal_bars;
  backtest::synthetic_market market({.seed = seed, .anchor = r.from});
  r.market = &market;
  r.version = "test";
  r.exchange = exchange;
  auto summary = backtest::run_backtest(r, **strat);
  REQUIRE_MESSAGE(summary.ok(), summary.error().message);
  run_result res{*summary, {}, {}};
  auto read = storage::read_journal(out, 0, [&](const ev::event& e) -> status {
    res.events.push_back(e);
    return {};
  });
  REQUIRE(read.ok());
  std::ifstream in(out / "events.jsonl");
  res.text.assign(std::istreambuf_iterator<char>(in), {});
  return res;
}

}  // namespace

TEST_CASE(
    "a backtest trades, and the same data and config give the same journal and summary, byte for "
    "byte") {
  test::temp_dir a, b;
  const auto first = backtest_days(a.path(), "2026-01-05", "2026-01-07");
  const auto second = backtest_days(b.path(), "2026-01-05", "2026-01-07");
  CHECK(first.summary.trades > 0);
  CHECK(first.text == second.text);
  std::ifstream sa(a / "summary.json"), sb(b / "summary.json");
  const std::string ta((std::istreambuf_iterator<char>(sa)), {}),
      tb((std::istreambuf_iterator<char>(sb)), {});
  CHECK(ta.find("\"finished\":true") != std::string::npos);
  CHECK(ta == tb);
  CHECK_FALSE(std::filesystem::exists(a / "INCOMPLETE"));
  // A different market is a different journal.
  test::temp_dir c;
  CHECK(backtest_days(c.path(), "2026-01-05", "2026-01-07", 8).text != first.text);
}

TEST_CASE("a backtest's P&L is its closed positions', and every position was stopped and closed") {
  test::temp_dir dir;
  const auto run = backtest_days(dir.path(), "2026-01-05", "2026-01-09");
  std::int64_t net = 0, charges = 0, fill_charges = 0, opened = 0, closed = 0;
  for (const auto& e : run.events) {
    if (const auto* o = std::get_if<ev::position_opened>(&e.body)) {
      ++opened;
      CHECK(o->stop_paise > 0);
    }
    if (const auto* c = std::get_if<ev::position_closed>(&e.body)) {
      ++closed;
      net += c->net_pnl_paise;
      charges += c->charges_paise;
    }
    if (const auto* f = std::get_if<ev::order_filled>(&e.body)) fill_charges += f->charges_paise;
  }
  CHECK(opened == closed);
  CHECK(closed == run.summary.trades);
  CHECK(net == run.summary.net_pnl_paise);
  CHECK(charges == fill_charges);  // every fill's charges belong to a closed round trip
  CHECK(run.summary.final_equity_paise == 10'00'000'00 + net);
  const auto& last = std::get<ev::daemon_stopped>(run.events.back().body);
  CHECK(last.clean);  // flat at the end
}

TEST_CASE(
    "a backtest's orders fill only on a print after they were sent, never on the one that sent "
    "them") {
  test::temp_dir dir;
  const auto run = backtest_days(dir.path(), "2026-01-05", "2026-01-09");
  std::map<std::string, std::int64_t> sent;  // order → when last sent or re-priced
  int fills = 0;
  for (const auto& e : run.events) {
    if (const auto* s = std::get_if<ev::order_submitted>(&e.body)) sent[s->order] = e.env.ts;
    if (const auto* m = std::get_if<ev::order_modify_requested>(&e.body)) sent[m->order] = e.env.ts;
    if (const auto* f = std::get_if<ev::order_filled>(&e.body)) {
      ++fills;
      REQUIRE(sent.count(f->order) == 1);
      CAPTURE(f->order);
      CHECK(e.env.ts > sent[f->order]);
    }
  }
  CHECK(fills > 0);
}

TEST_CASE("with a latency, an order reaches the exchange that much later and fills after it") {
  test::temp_dir dir;
  const auto run = backtest_days(dir.path(), "2026-01-05", "2026-01-09", 7,
                                 {.slippage_bps = 5, .latency_ns = 20 * core::ns_per_s});
  std::map<std::string, std::int64_t> sent;
  int fills = 0;
  for (const auto& e : run.events) {
    if (const auto* s = std::get_if<ev::order_submitted>(&e.body)) sent[s->order] = e.env.ts;
    if (const auto* f = std::get_if<ev::order_filled>(&e.body)) {
      ++fills;
      CAPTURE(f->order);
      // Prints are 15 s apart: 20 s of latency skips the next print and fills on a later one.
      // (A working order may fill while a re-pricing is still on its way, as at an exchange.)
      CHECK(e.env.ts > sent[f->order] + 20 * core::ns_per_s);
    }
  }
  CHECK(fills > 0);
}

TEST_CASE("no lookahead: a backtest cut short decides exactly as the full run did up to the cut") {
  test::temp_dir full_dir;
  const auto full = backtest_days(full_dir.path(), "2026-01-05", "2026-01-09");
  for (const char* cut : {"2026-01-06", "2026-01-08"}) {
    CAPTURE(cut);
    test::temp_dir dir;
    const auto part = backtest_days(dir.path(), "2026-01-05", cut);
    // Everything but the final DaemonStopped is the full run's prefix, line for line.
    REQUIRE(part.events.size() >= 2);
    const auto n = part.events.size() - 1;
    REQUIRE(full.events.size() > n);
    for (std::size_t i = 0; i < n; ++i) {
      CAPTURE(i);
      REQUIRE(part.events[i] == full.events[i]);
    }
  }
}

TEST_CASE(
    "striked backtest refuses bad arguments with one line saying why, and leaves nothing looking "
    "complete") {
  test::temp_dir dir;
  auto run = [&](std::vector<std::string> args) {
    args.insert(args.begin(), "backtest");
    test::child_process p(striked, args);
    const auto code = p.wait_exit(std::chrono::seconds(60));
    return std::pair<std::optional<int>, std::string>{code, p.drain_stderr()};
  };
  const auto out = (dir / "out").string();
  auto [c1, e1] = run({"--config", shipped_config, "--from", "2026-01-09", "--to", "2026-01-05",
                       "--synthetic", "1", "--out", out});
  CHECK(c1 == 2);
  CHECK(e1.find("is after --to") != std::string::npos);
  CHECK(std::count(e1.begin(), e1.end(), '\n') == 1);
  auto [c2, e2] = run({"--config", shipped_config, "--from", "2026-13-01", "--to", "2026-01-05",
                       "--synthetic", "1", "--out", out});
  CHECK(c2 == 2);
  CHECK(e2.find("--from 2026-13-01") != std::string::npos);
  auto [c3, e3] = run({"--config", shipped_config, "--from", "2026-01-05", "--to", "2026-01-05",
                       "--synthetic", "x1", "--out", out});
  CHECK(c3 == 2);
  CHECK(e3.find("--synthetic x1") != std::string::npos);
  auto [c7, e7] = run({"--config", shipped_config, "--from", "2026-01-05", "--to", "2026-01-05",
                       "--synthetic", "1", "--strikes", "21", "--out", out});
  CHECK(c7 == 2);
  CHECK(e7.find("--strikes 21: strikes each side of the money, 0 to 20") != std::string::npos);
  auto [c8, e8] = run({"--config", shipped_config, "--from", "2026-01-05", "--to", "2026-01-05",
                       "--synthetic", "1", "--out", out, "--exit-tolerance", "60"});
  CHECK(c8 == 2);
  CHECK(e8.find("--exit-tolerance applies to --compare only") != std::string::npos);
  auto [c9, e9] = run({"--config", shipped_config, "--from", "2026-01-05", "--to", "2026-01-05",
                       "--synthetic", "1", "--out", out, "--compare", (dir / "nowhere").string()});
  CHECK(c9 == 2);
  CHECK(e9.find("no journal there") != std::string::npos);
  {
    std::ifstream base(shipped_config);
    std::ofstream bad(dir / "bad.toml");
    bad << base.rdbuf() << "\n[strategy]\nname = \"no_such_strategy\"\n";
  }
  auto [c4, e4] = run({"--config", (dir / "bad.toml").string(), "--from", "2026-01-05", "--to",
                       "2026-01-05", "--synthetic", "1", "--out", out});
  CHECK(c4 != 0);
  CHECK(e4.find("no_such_strategy") != std::string::npos);
  CHECK_FALSE(std::filesystem::exists(dir / "out" / "summary.json"));

  // A finished run, then a second into the same directory: refused, the first left whole.
  auto [c5, e5] = run({"--config", shipped_config, "--from", "2026-01-05", "--to", "2026-01-05",
                       "--synthetic", "1", "--out", out, "--quiet"});
  REQUIRE(c5 == 0);
  CHECK(e5.empty());
  CHECK(std::filesystem::exists(dir / "out" / "summary.json"));
  auto [c6, e6] = run({"--config", shipped_config, "--from", "2026-01-05", "--to", "2026-01-05",
                       "--synthetic", "1", "--out", out});
  CHECK(c6 == 1);
  CHECK(e6.find("holds a journal already") != std::string::npos);
  CHECK(std::filesystem::exists(dir / "out" / "summary.json"));
}

TEST_CASE("the synthetic option chain lists the nearest expiries first, at most as many as asked") {
  backtest::synthetic_market market({.seed = 7, .anchor = {2026, 1, 5}});
  REQUIRE(market.begin_day({2026, 1, 5}).ok());
  const auto all = market.expiries("NIFTY", "2026-01-05", 100);
  REQUIRE(all.size() >= 3);
  CHECK(std::is_sorted(all.begin(), all.end()));
  CHECK(all.front() >= "2026-01-05");
  const auto two = market.expiries("NIFTY", "2026-01-05", 2);
  CHECK(two == std::vector<std::string>(all.begin(), all.begin() + 2));
  CHECK(market.expiries("NIFTY", all[1], 1) == std::vector<std::string>{all[1]});
  CHECK(market.expiries("NIFTY", "2026-01-05", 0).empty());
}
