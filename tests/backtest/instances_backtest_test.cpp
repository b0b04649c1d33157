// A synthetic year (February to January: the synthetic market has no Saturday budget session)
// backtested with four strategy instances on one account — both strategies on
// NIFTY and on BANKNIFTY — through `striked backtest`, as a user runs it: every instance trades
// its own underlying, the instances' statistics add up to the account's, an instance's own loss
// limit and the account's position limit each stop what they should, and a second run writes
// the same journal. Twin instances buy the same contracts and keep a position each.
#include <doctest/doctest.h>

#include <simdjson.h>

#include <fstream>
#include <map>
#include <set>

#include "base/file_io.hpp"
#include "core/positions.hpp"
#include "core/state.hpp"
#include "storage/journal_reader.hpp"
#include "tests/backtest/optimize_runs.hpp"
#include "tests/support/striked.hpp"
#include "tests/support/temp_dir.hpp"

using namespace strike;
namespace ev = strike::events;

namespace {

std::string year_instance(const std::string& name, const std::string& strategy,
                          const std::string& underlying, const std::string& limits) {
  return "[[strategies]]\nname = \"" + name + "\"\nstrategy = \"" + strategy +
         "\"\nunderlying = \"" + underlying + "\"\n" + limits;
}

std::string text_of(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

}  // namespace

TEST_CASE("a synthetic year of four instances on NIFTY and BANKNIFTY adds up to the account") {
  test::temp_dir dir;
  const std::string loose_revert =
      "[strategies.params]\nentry_z = 1.5\nadx_max = 40\nvix_min = 0\nvix_max = 1000\n";
  {
    std::ofstream(dir / "config.toml")
        << "[risk]\nmax_positions = 3\ndaily_loss_pct = 100\nmax_consecutive_losses = 1000\n"
        << year_instance("nifty_trend", "trend_alignment", "NIFTY",
                         "capital_pct = 25\nmax_positions = 1\n")
        << year_instance("bank_trend", "trend_alignment", "BANKNIFTY",
                         "capital_pct = 25\nmax_positions = 1\n")
        << year_instance("nifty_revert", "mean_reversion", "NIFTY",
                         "capital_pct = 25\nmax_positions = 1\n")
        << loose_revert
        // ₹500 of ₹2.5 lakh: its own limit halts it on its bad days, and only it.
        << year_instance("bank_revert", "mean_reversion", "BANKNIFTY",
                         "capital_pct = 25\nmax_positions = 1\ndaily_loss_pct = 0.2\n")
        << loose_revert;
  }
  auto backtest = [&](const std::string& out) {
    return test::optimize_runs::run_striked({"backtest", "--config", (dir / "config.toml").string(),
                                             "--from", "2025-02-03", "--to", "2026-01-30",
                                             "--synthetic", "11", "--step", "60", "--strikes", "2",
                                             "--out", (dir / out).string(), "--quiet"});
  };
  const auto first = backtest("a");
  REQUIRE_MESSAGE(first.code == 0, first.err);

  std::map<std::string, std::set<std::string>> traded;  // instance → underlyings
  std::map<std::string, int> instance_halts, rejected;
  int account_halts = 0;
  std::map<std::string, std::string> strategy_of;
  auto read = storage::read_journal(dir / "a", 0, [&](const ev::event& e) -> status {
    if (const auto* i = std::get_if<ev::order_intent>(&e.body)) {
      strategy_of[i->order] = i->strategy;
      if (i->purpose == ev::purpose::entry)
        traded[i->strategy].insert(i->symbol.rfind("BANKNIFTY", 0) == 0 ? "BANKNIFTY" : "NIFTY");
    }
    if (const auto* h = std::get_if<ev::trading_halted>(&e.body))
      (h->strategy.empty() ? account_halts : instance_halts[h->strategy])++;
    if (const auto* r = std::get_if<ev::risk_rejected>(&e.body)) ++rejected[r->check];
    return {};
  });
  REQUIRE(read.ok());
  CHECK(traded["nifty_trend"] == std::set<std::string>{"NIFTY"});
  CHECK(traded["bank_trend"] == std::set<std::string>{"BANKNIFTY"});
  CHECK(traded["nifty_revert"] == std::set<std::string>{"NIFTY"});
  CHECK(traded["bank_revert"] == std::set<std::string>{"BANKNIFTY"});
  // The instance's own limit halted it alone; the account's position limit refused entries of
  // every instance while three were open.
  CHECK(instance_halts["bank_revert"] >= 1);
  CHECK(instance_halts.size() == 1);
  CHECK(account_halts == 0);
  CHECK(rejected["max_positions"] >= 1);

  const auto stats =
      test::optimize_runs::run_striked({"stats", (dir / "a").string(), "--json", "--by-instance"});
  REQUIRE(stats.code == 0);
  simdjson::dom::parser parser;
  simdjson::dom::element s = parser.parse(stats.out);
  std::int64_t trades = 0, net = 0, charges = 0;
  std::set<std::string> names;
  for (auto [name, t] : simdjson::dom::object(s["instances"])) {
    names.insert(std::string(name));
    CHECK(std::int64_t(t["trades"]) >= 5);
    trades += std::int64_t(t["trades"]);
    net += std::int64_t(t["net_pnl_paise"]);
    charges += std::int64_t(t["charges_paise"]);
  }
  CHECK(names == std::set<std::string>{"bank_revert", "bank_trend", "nifty_revert", "nifty_trend"});
  CHECK(trades == std::int64_t(s["account"]["trades"]));
  CHECK(net == std::int64_t(s["account"]["net_pnl_paise"]));
  CHECK(charges == std::int64_t(s["account"]["charges_paise"]));
  // summary.json agrees with the journal's account.
  simdjson::dom::element summary = parser.load((dir / "a" / "summary.json").string());
  CHECK(std::int64_t(summary["net_pnl_paise"]) == net);

  // The same data and config, the same journal.
  const auto second = backtest("b");
  REQUIRE(second.code == 0);
  CHECK(text_of(dir / "a" / "events.jsonl") == text_of(dir / "b" / "events.jsonl"));
}

TEST_CASE("twin instances in a backtest buy the same contracts and keep a position each") {
  test::temp_dir dir;
  {
    std::ofstream(dir / "config.toml")
        << "[risk]\nmax_positions = 2\ndaily_loss_pct = 100\nmax_consecutive_losses = 1000\n"
        << year_instance("twin_a", "trend_alignment", "NIFTY",
                         "capital_pct = 50\nmax_positions = 1\n")
        << year_instance("twin_b", "trend_alignment", "NIFTY",
                         "capital_pct = 50\nmax_positions = 1\n");
  }
  const auto run = test::optimize_runs::run_striked(
      {"backtest", "--config", (dir / "config.toml").string(), "--from", "2025-02-03", "--to",
       "2025-05-30", "--synthetic", "11", "--step", "60", "--strikes", "2", "--out",
       (dir / "a").string(), "--quiet"});
  REQUIRE_MESSAGE(run.code == 0, run.err);

  // Replayed event by event: each opening while the other twin holds the same contract.
  core::state s;
  int shared = 0;
  std::map<std::string, std::int64_t> net_of;
  auto read = storage::read_journal(dir / "a", 0, [&](const ev::event& e) -> status {
    core::apply(s, e);
    if (const auto* o = std::get_if<ev::position_opened>(&e.body);
        o && core::position_keys_in(s, o->instrument).size() == 2)
      ++shared;
    if (const auto* c = std::get_if<ev::position_closed>(&e.body))
      net_of[c->strategy] += c->net_pnl_paise;
    return {};
  });
  REQUIRE(read.ok());
  CHECK(shared >= 5);
  CHECK(s.positions.empty());
  CHECK(net_of.size() == 2);
  simdjson::dom::parser parser;
  simdjson::dom::element summary = parser.load((dir / "a" / "summary.json").string());
  CHECK(net_of["twin_a"] + net_of["twin_b"] == std::int64_t(summary["net_pnl_paise"]));
}
