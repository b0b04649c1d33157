#include <doctest/doctest.h>

#include "core/strategies/ma_crossover/ma_crossover.hpp"
#include "core/strategy/registry.hpp"
#include "core/strategy/strategy_runner.hpp"
#include "tests/trading/engine_fixture.hpp"

using namespace strike;
namespace ev = strike::events;

namespace {

const std::string nifty = "NSE:99926000";

// SMA(2) against SMA(4) of NIFTY's one-minute closes, on a real runner, bus and journal.
struct crossover_fixture : test::engine_fixture {
  core::strategies::ma_crossover strategy{{nifty, ev::timeframe::m1, 2, 4}};
  core::strategy::strategy_runner runner{*bus, state, *engine, strategy};
  std::int64_t next_start = core::ist_time_ns({2026, 1, 6}, 10 * 60);

  crossover_fixture() { runner.attach(); }

  // One-minute bars closing at `closes` (rupees), each decided on at its close.
  void bars(std::initializer_list<std::int64_t> closes, bool warming = false,
            const std::string& instrument = nifty, ev::timeframe tf = ev::timeframe::m1) {
    for (auto c : closes) {
      const core::market::bar b{next_start, c * 100, c * 100, c * 100, c * 100, 0, 0};
      next_start += 60 * core::ns_per_s;
      clock.advance_to(next_start);
      runner.on_bar(instrument, tf, b, clock.now_ns(), warming);
    }
  }
};

}  // namespace

TEST_CASE("a crossing above journals enter_long, a crossing below enter_short, and nothing else") {
  crossover_fixture f;
  // SMA(2) against SMA(4): from the 4th bar below (97.5 < 98.75), then above, then below.
  f.bars({100, 100, 100, 95, 100, 110, 110, 90, 80});
  const auto signals = f.of_type<ev::signal_raised>();
  REQUIRE(signals.size() == 2);
  CHECK(signals[0].strategy == "ma_crossover");
  CHECK(signals[0].instrument == nifty);
  CHECK(signals[0].action == ev::signal_action::enter_long);
  CHECK(signals[0].reason == "SMA(2) crossed above SMA(4) on 1m closes");
  CHECK(signals[1].action == ev::signal_action::enter_short);
  CHECK(signals[1].reason == "SMA(2) crossed below SMA(4) on 1m closes");
  CHECK(f.of_type<ev::order_intent>().empty());  // it only signals
  CHECK(f.of_type<ev::entry_filtered>().empty());
}

TEST_CASE("warm-up bars move the averages silently, and the next crossing after them signals") {
  crossover_fixture f;
  f.bars({100, 100, 100, 95, 100, 110}, true);  // crossed above while warming
  CHECK(f.strategy.averages().side() == 1);
  CHECK(f.of_type<ev::signal_raised>().empty());
  f.bars({110, 90, 80});
  const auto signals = f.of_type<ev::signal_raised>();
  REQUIRE(signals.size() == 1);
  CHECK(signals[0].action == ev::signal_action::enter_short);
}

TEST_CASE("bars of another instrument or timeframe are not averaged") {
  crossover_fixture f;
  f.bars({100, 100, 100, 95});
  f.bars({500, 500, 500}, false, "NSE:99926017");
  f.bars({500, 500, 500}, false, nifty, ev::timeframe::m5);
  CHECK(f.strategy.averages().slow_average() == 98.75 * 100);
  CHECK(f.of_type<ev::signal_raised>().empty());
}

TEST_CASE("it asks for the slow period and one bar more of its timeframe as warm-up") {
  core::strategies::ma_crossover s{{nifty, ev::timeframe::m15, 5, 20}};
  CHECK(s.instruments() == std::vector<std::string>{nifty});
  CHECK(s.warmup() == std::vector<std::pair<ev::timeframe, int>>{{ev::timeframe::m15, 21}});
}

TEST_CASE(
    "the registry builds ma_crossover from its periods and refuses a fast period not below the "
    "slow") {
  const auto& r = core::strategy::builtin_strategies();
  core::strategy::params good({{"fast", std::int64_t{5}},
                               {"slow", std::int64_t{20}},
                               {"timeframe", std::string("15m")},
                               {"instrument", std::string("NSE:2885")}});
  auto made = r.make("ma_crossover", good);
  REQUIRE(made.ok());
  CHECK((*made)->name() == "ma_crossover");
  CHECK((*made)->warmup() == std::vector<std::pair<ev::timeframe, int>>{{ev::timeframe::m15, 21}});
  CHECK((*made)->instruments() == std::vector<std::string>{"NSE:2885"});

  core::strategy::params equal({{"fast", std::int64_t{20}}, {"slow", std::int64_t{20}}});
  auto refused = r.make("ma_crossover", equal);
  REQUIRE_FALSE(refused.ok());
  CHECK(refused.error().message == "strategy ma_crossover: fast: must be below slow");

  core::strategy::params bad({{"timeframe", std::string("2m")}, {"slow", std::int64_t{0}}});
  auto bad_made = r.make("ma_crossover", bad);
  REQUIRE_FALSE(bad_made.ok());
  CHECK(bad_made.error().message.find("timeframe: '2m' is not one of") != std::string::npos);
  CHECK(bad_made.error().message.find("slow: 0 is out of range") != std::string::npos);
}
