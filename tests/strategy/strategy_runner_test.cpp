#include <doctest/doctest.h>

#include "core/strategy/strategy_runner.hpp"
#include "tests/trading/engine_fixture.hpp"

using namespace strike;
namespace ev = strike::events;

namespace {

// Raises a signal named after the bar's count at every bar, and notes whether the decisions it
// was handed were empty.
struct probe final : core::strategy::strategy {
  int bars = 0;
  std::vector<bool> handed_empty;
  bool enter = false;  // an entry at every bar too

  std::string_view name() const override { return "probe"; }
  std::vector<std::string> instruments() const override { return {}; }
  std::vector<std::pair<ev::timeframe, int>> warmup() const override { return {}; }
  void on_bar(const std::string& instrument, ev::timeframe, const core::market::bar&,
              const core::strategy::snapshot&, bool, core::strategy::decisions& out) override {
    handed_empty.push_back(out.empty());
    out.signals.push_back(ev::signal_raised{"probe", instrument, ev::signal_action::enter_long,
                                            "bar " + std::to_string(++bars), 0});
    if (enter)
      out.entries.push_back({"probe", test::option, "NIFTY06JAN2626000CE", ev::side::buy, "bullish",
                             "bar " + std::to_string(bars), 65, 5});
  }
};

struct runner_fixture : test::engine_fixture {
  probe strategy;
  core::strategy::strategy_runner runner{*bus, state, *engine, strategy};

  runner_fixture() { runner.attach(); }
  void bar(bool warming = false, std::int64_t cause = 0) {
    runner.on_bar("NSE:99926000", ev::timeframe::m1, {}, clock.now_ns(), warming, cause);
  }
  std::vector<std::string> reasons() {
    std::vector<std::string> out;
    for (const auto& s : of_type<ev::signal_raised>()) out.push_back(s.reason);
    return out;
  }
};

}  // namespace

TEST_CASE("every bar hands the strategy empty decisions, and each answer is applied once") {
  runner_fixture f;
  f.bar();
  f.bar();
  f.bar();
  CHECK(f.reasons() == std::vector<std::string>{"bar 1", "bar 2", "bar 3"});
  CHECK(f.strategy.handed_empty == std::vector<bool>{true, true, true});
}

TEST_CASE("decisions made while warming are dropped and do not reach the next bar") {
  runner_fixture f;
  f.bar(true);
  f.bar();
  CHECK(f.reasons() == std::vector<std::string>{"bar 2"});
  CHECK(f.strategy.handed_empty == std::vector<bool>{true, true});
}

TEST_CASE("a bar handled while another bar's decisions are applied gets decisions of its own") {
  runner_fixture f;
  bool nested = false;
  f.bus->subscribe<ev::signal_raised>("nest", [&](const ev::event&, const ev::signal_raised&) {
    if (nested) return;
    nested = true;
    f.bar();
  });
  f.bar();
  f.bar();
  CHECK(f.reasons() == std::vector<std::string>{"bar 1", "bar 2", "bar 3"});
  CHECK(f.strategy.handed_empty == std::vector<bool>{true, true, true});
}

TEST_CASE("decisions name the bar they were made on as their cause") {
  runner_fixture f;
  f.strategy.enter = true;
  f.bar(false, 42);
  f.bar();
  std::vector<std::int64_t> signals, intents;
  for (const auto& e : f.events()) {
    if (std::holds_alternative<ev::signal_raised>(e.body)) signals.push_back(e.env.cause);
    if (std::holds_alternative<ev::order_intent>(e.body)) intents.push_back(e.env.cause);
  }
  CHECK(signals == std::vector<std::int64_t>{42, 0});
  CHECK(intents == std::vector<std::int64_t>{42, 0});
}
