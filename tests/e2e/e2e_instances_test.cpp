// One daemon, one account, four strategy instances: both strategies on NIFTY and on BANKNIFTY,
// against the simulator for an accelerated day. Each instance's orders carry its name, one
// instance's own loss limit halts it alone, the instances' statistics add up to the account's,
// and the simulator's books agree with the journal. Two instances of one strategy buy the same
// contract and keep a position each in it.
#include <doctest/doctest.h>

#include <set>

#include "tests/e2e/e2e_books.hpp"

using namespace strike;
using namespace std::chrono_literals;
namespace ev = strike::events;

namespace {

// Entries on almost every bar, so that a short day shows every instance at work.
const std::string busy_trend =
    "entry_timeframe = \"1m\"\nadx_min = 0\nrsi_long_min = 0\nrsi_long_max = 100\n"
    "rsi_short_min = 0\nrsi_short_max = 100\nmax_ema_distance_pct = 100\nrequire_vwap = false\n"
    "vix_min = 0\nvix_max = 1000\ncooldown_minutes = 0\n";
const std::string busy_revert =
    "entry_timeframe = \"1m\"\nzscore_window = 10\nentry_z = 0.8\nexit_z = 0.1\nadx_max = 100\n"
    "max_hold_bars = 5\nvix_min = 0\nvix_max = 1000\ncooldown_minutes = 0\n";

// Tight exits, so positions turn over, and account limits that stop nothing but the positions.
const std::string busy_account =
    "[exits]\nstop_loss_pct = 1.0\ntrail_activate_pct = 0.5\ntrail_pct = 0.5\n"
    "target_pct = 1.0\n\n[risk]\ndaily_loss_pct = 100\nmax_consecutive_losses = 1000\n"
    "max_positions = 4\n\n";

std::string instance(const std::string& name, const std::string& strategy,
                     const std::string& underlying, const std::string& limits,
                     const std::string& params) {
  return "[[strategies]]\nname = \"" + name + "\"\nstrategy = \"" + strategy +
         "\"\nunderlying = \"" + underlying + "\"\n" + limits + "[strategies.params]\n" + params +
         "\n";
}

}  // namespace

TEST_CASE("four instances on NIFTY and BANKNIFTY trade one account through an accelerated day") {
  test::e2e_fixture f("2026-01-07T10:30:00+05:30", 600);
  const std::string limits = "capital_pct = 20\nmax_positions = 1\ndaily_loss_pct = 50\n";
  f.write_config(
      busy_account + instance("nifty_trend", "trend_alignment", "NIFTY", limits, busy_trend) +
      // A loss limit of ₹20 (0.01 % of ₹2 lakh): the first dip of its first position, two lots
      // of BANKNIFTY a third of a rupee down, halts this one instance.
      instance("bank_trend", "trend_alignment", "BANKNIFTY",
               "capital_pct = 20\nmax_positions = 1\ndaily_loss_pct = 0.01\n", busy_trend) +
      instance("nifty_revert", "mean_reversion", "NIFTY", limits, busy_revert) +
      instance("bank_revert", "mean_reversion", "BANKNIFTY", limits, busy_revert));
  auto d = f.daemon({"--exit-after-close"});
  const auto code = d->wait_exit(240s);
  CAPTURE(d->drain_stderr());
  REQUIRE(code == 0);
  INFO(test::journal_summary(f));
  const auto events = f.journal();

  const std::set<std::string> names{"nifty_trend", "bank_trend", "nifty_revert", "bank_revert"};
  std::map<std::string, std::set<std::string>> underlyings_of;  // instance → symbol prefixes
  std::map<std::string, int> entries_of;
  const std::string halting = "bank_trend";
  std::int64_t halt_seq = 0;
  bool account_halted = false;
  std::int64_t entries_after_halt = 0;
  for (const auto& e : events) {
    if (const auto* i = std::get_if<ev::order_intent>(&e.body)) {
      CAPTURE(i->order);
      CHECK(names.count(i->strategy) == 1);  // every order names its instance
      if (i->purpose != ev::purpose::entry) continue;
      ++entries_of[i->strategy];
      underlyings_of[i->strategy].insert(i->symbol.rfind("BANKNIFTY", 0) == 0 ? "BANKNIFTY"
                                                                              : "NIFTY");
      if (halt_seq > 0 && i->strategy != halting) ++entries_after_halt;
    }
    if (const auto* h = std::get_if<ev::trading_halted>(&e.body)) {
      if (h->strategy == halting && halt_seq == 0) halt_seq = e.env.seq;
      if (h->strategy.empty()) account_halted = true;
    }
  }
  for (const auto& name : names) {
    CAPTURE(name);
    CHECK(entries_of[name] >= 1);
  }
  CHECK(underlyings_of["nifty_trend"] == std::set<std::string>{"NIFTY"});
  CHECK(underlyings_of["nifty_revert"] == std::set<std::string>{"NIFTY"});
  CHECK(underlyings_of["bank_trend"] == std::set<std::string>{"BANKNIFTY"});
  CHECK(underlyings_of["bank_revert"] == std::set<std::string>{"BANKNIFTY"});
  // The instance at its own limit stopped alone; the others traded on after it.
  REQUIRE(halt_seq > 0);
  CHECK_FALSE(account_halted);
  CHECK(entries_after_halt >= 1);
  // After its halt, what it still decided was refused by risk (its halt, or an account limit
  // checked before it), never sent.
  std::set<std::string> late;
  int refused_late = 0;
  for (const auto& e : events) {
    if (e.env.seq <= halt_seq) continue;
    if (const auto* i = std::get_if<ev::order_intent>(&e.body);
        i && i->strategy == halting && i->purpose == ev::purpose::entry)
      late.insert(i->order);
    if (const auto* r = std::get_if<ev::risk_rejected>(&e.body); r && late.count(r->order))
      ++refused_late;
    if (const auto* sub = std::get_if<ev::order_submitted>(&e.body))
      CHECK(late.count(sub->order) == 0);
  }
  CHECK(refused_late == static_cast<int>(late.size()));

  test::check_flat_run(f);

  // The instances' statistics add up to the account's.
  auto [scode, stats] =
      test::run_to_exit(test::striked, {"stats", f.state().string(), "--json", "--by-instance"});
  REQUIRE(scode == 0);
  simdjson::dom::parser parser;
  simdjson::dom::element s = parser.parse(stats);
  std::int64_t trades = 0, net = 0, charges = 0;
  for (auto [name, t] : simdjson::dom::object(s["instances"])) {
    CHECK(names.count(std::string(name)) == 1);
    trades += std::int64_t(t["trades"]);
    net += std::int64_t(t["net_pnl_paise"]);
    charges += std::int64_t(t["charges_paise"]);
  }
  CHECK(trades == std::int64_t(s["account"]["trades"]));
  CHECK(trades >= 4);
  CHECK(net == std::int64_t(s["account"]["net_pnl_paise"]));
  CHECK(charges == std::int64_t(s["account"]["charges_paise"]));
}

TEST_CASE(
    "two instances buying the same contract each hold their own position, netted at the broker") {
  // Twins: one strategy, one underlying, the same parameters, so that both buy the same option
  // on the same bar. The broker holds one net position in it; the journal holds two.
  test::e2e_fixture f("2026-01-07T10:30:00+05:30", 600);
  const std::string limits = "capital_pct = 40\nmax_positions = 1\n";
  f.write_config(busy_account + instance("twin_a", "trend_alignment", "NIFTY", limits, busy_trend) +
                 instance("twin_b", "trend_alignment", "NIFTY", limits, busy_trend));
  auto d = f.daemon({"--exit-after-close"});
  const auto code = d->wait_exit(240s);
  CAPTURE(d->drain_stderr());
  REQUIRE(code == 0);
  INFO(test::journal_summary(f));

  // Replayed event by event: how often both held the same contract at once.
  core::state s;
  int shared = 0;
  std::map<std::string, std::int64_t> closed_net;
  for (const auto& e : f.journal()) {
    core::apply(s, e);
    if (const auto* o = std::get_if<ev::position_opened>(&e.body)) {
      CAPTURE(e.env.seq);
      const auto keys = core::position_keys_in(s, o->instrument);
      if (keys.size() == 2) {
        ++shared;
        CHECK(s.positions.at(keys[0]).strategy != s.positions.at(keys[1]).strategy);
        CHECK(keys[1] == o->instrument + "@" + s.positions.at(keys[1]).strategy);
      }
    }
    if (const auto* c = std::get_if<ev::position_closed>(&e.body))
      closed_net[c->strategy] += c->net_pnl_paise;
  }
  CHECK(shared >= 1);
  CHECK(closed_net.size() == 2);
  CHECK(closed_net["twin_a"] + closed_net["twin_b"] == s.today.realized_pnl_paise);
  // The day ends flat, the simulator's books agree with the journal's positions summed by
  // contract, and the journal's P&L is the simulator's cash flow less the charges.
  test::check_flat_run(f);
}
