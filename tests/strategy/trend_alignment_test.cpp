#include <doctest/doctest.h>

#include "core/strategy/registry.hpp"
#include "tests/strategy/strategy_fixture.hpp"

using namespace strike;
namespace ev = strike::events;

namespace {

const std::int64_t ten_fifteen = core::ist_time_ns({2026, 1, 5}, 10 * 60 + 15);

std::string last_filter(test::strategy_fixture& f) {
  auto filtered = f.of_type<ev::entry_filtered>();
  return filtered.empty() ? "" : filtered.back().filter;
}

}  // namespace

TEST_CASE("a steady uptrend on both timeframes buys the at-the-money call of the nearest expiry") {
  test::strategy_fixture f;
  f.warm(26010.0, 40.0, 8.0);
  f.calm_vix(14.5);
  f.quote("NFO:260001", 12000, 11995, 12005);  // the ATM call has a live quote
  CHECK(f.strategy.daily_trend() == core::strategies::trend::bull);
  CHECK(f.strategy.hourly_trend() == core::strategies::trend::bull);

  CHECK(f.entry_bar(26010.0, ten_fifteen) == 1);
  const auto signals = f.of_type<ev::signal_raised>();
  REQUIRE(signals.size() == 1);
  CHECK(signals[0].action == ev::signal_action::enter_long);
  const auto intents = f.of_type<ev::order_intent>();
  REQUIRE(intents.size() == 1);
  CHECK(intents[0].instrument == "NFO:260001");
  CHECK(intents[0].symbol == "NIFTY2026-01-0626000CE");
  CHECK(intents[0].strategy == "trend_alignment");
  CHECK(intents[0].qty == 65);  // one lot at VIX 14.5
}

TEST_CASE("a downtrend buys the put") {
  test::strategy_fixture f;
  f.warm(25990.0, -40.0, -8.0);
  f.calm_vix(14.5);
  f.quote("NFO:260002", 12000, 11995, 12005);
  CHECK(f.entry_bar(25990.0, ten_fifteen) == 1);
  CHECK(f.of_type<ev::order_intent>().at(0).symbol == "NIFTY2026-01-0626000PE");
  CHECK(f.of_type<ev::signal_raised>().at(0).action == ev::signal_action::enter_short);
}

TEST_CASE("every reason not to trade is journaled with the filter's name") {
  SUBCASE("an entry of its own working") {
    test::strategy_fixture f;
    f.warm(26010.0, 40.0, 8.0);
    f.calm_vix(14.5);
    f.quote("NFO:260001", 12000, 11995, 12000);
    f.publish(ev::order_intent{"mine", "trend_alignment", "NFO:999", "X", ev::side::buy, 65,
                               ev::purpose::entry, "", 100, 5, 65});
    f.publish(ev::risk_approved{"mine", 1, 65});
    f.publish(ev::order_submitted{"mine", ev::order_type::limit, 100, 0, 65, 1});
    f.entry_bar(26010.0, ten_fifteen);
    CHECK(last_filter(f) == "position_open");
  }
  SUBCASE("not a position of another instance: the account's limits judge that") {
    test::strategy_fixture f;
    f.warm(26010.0, 40.0, 8.0);
    f.calm_vix(14.5);
    f.quote("NFO:260001", 12000, 11995, 12000);
    f.publish(ev::order_intent{"theirs", "bank_revert", "NFO:999", "X", ev::side::buy, 65,
                               ev::purpose::entry, "", 100, 5, 65});
    f.publish(ev::order_filled{"theirs", "m1", 65, 100, 65, 0, 0, "reconcile"});
    CHECK(f.entry_bar(26010.0, ten_fifteen) == 1);
    CHECK(f.of_type<ev::risk_rejected>().back().check == "max_positions");
  }
  SUBCASE("warmup") {
    test::strategy_fixture f;
    f.entry_bar(26000.0, ten_fifteen);
    CHECK(last_filter(f) == "warmup");
  }
  SUBCASE("entry window") {
    test::strategy_fixture f;
    f.warm(26010.0, 40.0, 8.0);
    f.publish(ev::entry_window_changed{"2026-01-05", false});
    f.entry_bar(26010.0, ten_fifteen);
    CHECK(last_filter(f) == "entry_window");
  }
  SUBCASE("daily trend") {
    test::strategy_fixture f;
    f.warm(26000.0, 0.0, 8.0);
    f.entry_bar(26000.0, ten_fifteen);
    CHECK(last_filter(f) == "daily_trend");
  }
  SUBCASE("hourly trend against the daily") {
    test::strategy_fixture f;
    f.warm(26010.0, 40.0, -8.0);
    f.entry_bar(26010.0, ten_fifteen);
    CHECK(last_filter(f) == "hourly_trend");
  }
  SUBCASE("VIX too high") {
    test::strategy_fixture f;
    f.warm(26010.0, 40.0, 8.0);
    f.calm_vix(23.0);
    f.entry_bar(26010.0, ten_fifteen);
    const auto filtered = f.of_type<ev::entry_filtered>();
    REQUIRE_FALSE(filtered.empty());
    CHECK(filtered.back().filter == "vix_level");
    CHECK(filtered.back().value == 23.0);
    CHECK(filtered.back().limit == 22.0);
  }
  SUBCASE("no quote for the option") {
    test::strategy_fixture f;
    f.warm(26010.0, 40.0, 8.0);
    f.calm_vix(14.5);
    f.entry_bar(26010.0, ten_fifteen);
    CHECK(last_filter(f) == "option_quote");
  }
  SUBCASE("price too far from the hourly EMA") {
    test::strategy_fixture f;
    f.warm(26010.0, 40.0, 8.0);
    f.calm_vix(14.5);
    f.entry_bar(26600.0, ten_fifteen);
    CHECK(last_filter(f) == "ema_distance");
  }
}

TEST_CASE("one position at a time, then a cooldown after it closes") {
  test::strategy_fixture f;
  f.warm(26010.0, 40.0, 8.0);
  f.calm_vix(14.5);
  f.quote("NFO:260001", 12000, 11995, 12000);
  REQUIRE(f.entry_bar(26010.0, ten_fifteen) == 1);
  const auto key = f.last_order();
  f.accept(key);
  f.fill(key, 65, 12000);
  // While it holds its position the strategy only watches the alignment.
  CHECK(f.entry_bar(26015.0, ten_fifteen + 5 * 60 * core::ns_per_s) == 0);
  CHECK(f.of_type<ev::order_intent>().size() == 1);

  f.engine->exit_position("NFO:260001", "signal");
  const auto exit_key = f.last_order();
  f.accept(exit_key);
  f.fill(exit_key, 65, 12100);
  REQUIRE(f.state.positions.empty());
  f.entry_bar(26020.0, ten_fifteen + 10 * 60 * core::ns_per_s);
  CHECK(last_filter(f) == "cooldown");
}

TEST_CASE("a position is exited when its alignment is lost") {
  test::strategy_fixture f;
  f.warm(26010.0, 40.0, 8.0);
  f.calm_vix(14.5);
  f.quote("NFO:260001", 12000, 11995, 12000);
  REQUIRE(f.entry_bar(26010.0, ten_fifteen) == 1);
  const auto key = f.last_order();
  f.accept(key);
  f.fill(key, 65, 12000);
  // The hourly trend turns: a run of falling hourly bars.
  for (int i = 0; i < 12; ++i)
    f.runner.on_bar(
        "NSE:99926000", ev::timeframe::h1,
        test::make_bar(ten_fifteen + i * 3600 * core::ns_per_s, 26010.0 - 60.0 * (i + 1), 40),
        f.clock.now_ns());
  f.entry_bar(25300.0, ten_fifteen + 13 * 3600 * core::ns_per_s);
  const auto exits = f.of_type<ev::position_exit_triggered>();
  REQUIRE(exits.size() == 1);
  CHECK(exits[0].reason == "alignment_lost");
  CHECK(f.of_type<ev::signal_raised>().back().action == ev::signal_action::exit);
}

TEST_CASE("on expiry day after the roll time the next weekly expiry is traded") {
  test::strategy_fixture f;
  f.warm(26010.0, 40.0, 8.0);
  f.calm_vix(14.5);
  f.quote("NFO:260001", 12000, 11995, 12000);
  const std::int64_t expiry_day_1330 = core::ist_time_ns({2026, 1, 6}, 13 * 60 + 30);
  f.entry_bar(26010.0, expiry_day_1330);
  const auto intents = f.of_type<ev::order_intent>();
  REQUIRE(intents.size() == 1);
  CHECK(intents[0].symbol == "NIFTY2026-01-1326000CE");
}

TEST_CASE("the registry builds the reference strategy by name and refuses bad parameters") {
  const auto& r = core::strategy::builtin_strategies();
  CHECK(r.names() == std::vector<std::string>{"trend_alignment", "ma_crossover", "mean_reversion"});
  core::strategy::params good(
      {{"adx_min", std::int64_t{25}}, {"entry_timeframe", std::string("15m")}});
  auto made = r.make("trend_alignment", good);
  REQUIRE(made.ok());
  CHECK((*made)->name() == "trend_alignment");

  core::strategy::params bad({{"adx_minimum", 25.0}, {"vix_max", std::string("high")}});
  auto refused = r.make("trend_alignment", bad);
  REQUIRE_FALSE(refused.ok());
  CHECK(refused.error().message.find("adx_minimum: unknown parameter") != std::string::npos);
  CHECK(refused.error().message.find("vix_max: expected a number") != std::string::npos);

  core::strategy::params none;
  auto unknown = r.make("momentum", none);
  REQUIRE_FALSE(unknown.ok());
  CHECK(unknown.error().message ==
        "unknown strategy 'momentum' (known: trend_alignment, ma_crossover, mean_reversion)");
}
