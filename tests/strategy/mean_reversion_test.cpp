// The mean-reversion strategy on a real engine, bus and journal, with the small option chain of
// the reference strategy's tests.
#include <doctest/doctest.h>

#include "core/state_codec.hpp"
#include "core/strategies/mean_reversion/mean_reversion.hpp"
#include "core/strategy/registry.hpp"
#include "tests/strategy/strategy_fixture.hpp"

using namespace strike;
namespace ev = strike::events;

namespace {

const std::string mr_nifty = "NSE:99926000";
// test_chain's option of a strike, in rupees.
std::string mr_option(int strike, bool call) {
  return "NFO:" + std::to_string(strike) + (call ? "1" : "2");
}
constexpr std::int64_t mr_bar_ns = 5 * core::ns_per_minute;

struct mr_fixture : test::engine_fixture {
  test::test_chain chain;
  core::strategies::mean_reversion strategy;
  core::strategy::strategy_runner runner{*bus, state, *engine, strategy};
  // 10:30 IST on the fixture's session day: inside the entry window, before the expiry roll.
  std::int64_t next_start = core::ist_time_ns({2026, 1, 6}, 10 * 60 + 30);

  explicit mr_fixture(core::strategies::mean_reversion_params p = {}) : strategy(std::move(p)) {
    runner.set_options(&chain);
    runner.attach();
  }

  // 60 bars of history that `step` moves along, in the rhythm +3, -2, +1, -3, +2, -1 steps
  // around it (a range when step is 0, ADX low), replayed as warm-up; they end at `price`.
  void warm(double price, double step) {
    static constexpr double rhythm[6] = {3, -2, 1, -3, 2, -1};
    for (int i = 0; i < 60; ++i) {
      const double close = price - (59 - i) * step + rhythm[i % 6] * (step == 0 ? 4 : 1);
      runner.on_bar(
          mr_nifty, ev::timeframe::m5,
          test::make_bar(next_start - (60 - i) * mr_bar_ns, close, step == 0 ? 12 : 2 * step),
          next_start, true);
    }
  }

  // The next 5-minute bar of the index, closing at `price`, decided on at its close with fresh
  // quotes for VIX and the options within ₹100 of the money.
  int bar(double price, double range = 10) {
    const std::int64_t start = next_start;
    next_start += mr_bar_ns;
    clock.advance_to(start + mr_bar_ns);
    calm_vix(14.5);
    const int atm = static_cast<int>(price / 50) * 50;
    for (int k = atm - 100; k <= atm + 150; k += 50) {
      quote(mr_option(k, true), 12000, 11995, 12005);
      quote(mr_option(k, false), 11000, 10995, 11005);
    }
    return runner.on_bar(mr_nifty, ev::timeframe::m5, test::make_bar(start, price, range),
                         clock.now_ns());
  }

  // Accepts and fills the newest order whole at `price`.
  void fill_last(std::int64_t price) {
    const auto key = last_order();
    accept(key);
    fill(key, state.orders.at(key).qty, price);
  }

  // Warmed around 26,000, then a drop to 25,940 buys the 25,950 call, filled at ₹120.05.
  void hold_call() {
    warm(26000.0, 0);
    REQUIRE(bar(25940.0) == 1);
    fill_last(12005);
    REQUIRE(state.positions.count(mr_option(25950, true)) == 1);
  }

  std::string last_filter() {
    const auto filtered = of_type<ev::entry_filtered>();
    return filtered.empty() ? "" : filtered.back().filter;
  }
};

}  // namespace

TEST_CASE("a drop stretched from the mean in a range buys the at-the-money call") {
  mr_fixture f;
  f.warm(26000.0, 0);
  CHECK(f.strategy.tracker().ready());
  CHECK(f.strategy.tracker().adx() < 25.0);
  CHECK(f.bar(25940.0) == 1);
  CHECK(f.strategy.tracker().zscore() <= -2.0);
  const auto signals = f.of_type<ev::signal_raised>();
  REQUIRE(signals.size() == 1);
  CHECK(signals[0].action == ev::signal_action::enter_long);
  CHECK(signals[0].strategy == "mean_reversion");
  const auto intents = f.of_type<ev::order_intent>();
  REQUIRE(intents.size() == 1);
  CHECK(intents[0].instrument == mr_option(25950, true));
  CHECK(intents[0].symbol == "NIFTY2026-01-0625950CE");
  CHECK(intents[0].strategy == "mean_reversion");
  CHECK(intents[0].reason == "fade the drop");
}

TEST_CASE("a rise stretched from the mean in a range buys the at-the-money put") {
  mr_fixture f;
  f.warm(26000.0, 0);
  CHECK(f.bar(26060.0) == 1);
  CHECK(f.strategy.tracker().zscore() >= 2.0);
  CHECK(f.of_type<ev::signal_raised>().at(0).action == ev::signal_action::enter_short);
  CHECK(f.of_type<ev::order_intent>().at(0).symbol == "NIFTY2026-01-0626050PE");
}

TEST_CASE("a stretch inside a strong trend is not faded: the ADX filter names it") {
  mr_fixture f;
  f.warm(26000.0, 12.0);
  CHECK(f.strategy.tracker().adx() >= 25.0);
  CHECK(f.bar(26120.0, 30) == 0);
  CHECK(f.strategy.tracker().zscore() >= 2.0);
  const auto filtered = f.of_type<ev::entry_filtered>();
  REQUIRE(filtered.size() == 1);
  CHECK(filtered[0].filter == "adx_trend");
  CHECK(filtered[0].limit == 25.0);
  CHECK(filtered[0].value >= 25.0);
  CHECK(f.of_type<ev::order_intent>().empty());
}

TEST_CASE("every reason not to trade is journaled with the filter's name") {
  SUBCASE("warmup") {
    mr_fixture f;
    f.bar(26000.0);
    CHECK(f.last_filter() == "warmup");
  }
  SUBCASE("a close near the mean") {
    mr_fixture f;
    f.warm(26000.0, 0);
    f.bar(26004.0);
    CHECK(f.last_filter() == "zscore");
  }
  SUBCASE("entry window") {
    mr_fixture f;
    f.warm(26000.0, 0);
    f.publish(ev::entry_window_changed{"2026-01-06", false});
    f.bar(25940.0);
    CHECK(f.last_filter() == "entry_window");
  }
  SUBCASE("VIX out of range") {
    core::strategies::mean_reversion_params p;
    p.vix_max = 14.0;
    mr_fixture f(p);
    f.warm(26000.0, 0);
    f.bar(25940.0);
    const auto filtered = f.of_type<ev::entry_filtered>();
    REQUIRE_FALSE(filtered.empty());
    CHECK(filtered.back().filter == "vix_level");
    CHECK(filtered.back().value == 14.5);
    CHECK(filtered.back().limit == 14.0);
  }
}

TEST_CASE("a close near the mean enters nothing, but its rehearsal walks the entry it would make") {
  mr_fixture f;
  f.warm(26000.0, 0);
  CHECK(f.bar(25996.0) == 0);
  CHECK(f.last_filter() == "zscore");
  const auto published = f.state.last_seq;
  core::strategy::decisions out;
  f.strategy.rehearse({f.state, f.engine->market(), &f.chain, f.clock.now_ns(), "mean_reversion"},
                      out);
  // Below the mean, a stretch would buy the at-the-money call: the entry is that one.
  REQUIRE(out.entries.size() == 1);
  CHECK(out.entries[0].instrument == mr_option(26000, true));
  CHECK(out.entries[0].reason == "fade the drop");
  // On the bar being formed: the basis, and so the order key, the next close would decide on.
  CHECK(out.entries[0].basis == core::strategy::bar_basis(ev::timeframe::m5, f.next_start));
  REQUIRE(out.filtered.size() == 1);
  CHECK(out.filtered[0].filter == "zscore");
  // The runner hands it to the engine's rehearsal, which journals nothing and changes no state.
  CHECK(f.runner.rehearse(f.clock.now_ns()));
  CHECK(f.state.last_seq == published);
  CHECK(f.state.orders.empty());
  SUBCASE("with the entry window shut there is no entry to rehearse") {
    f.publish(ev::entry_window_changed{"2026-01-06", false});
    core::strategy::decisions shut;
    f.strategy.rehearse({f.state, f.engine->market(), &f.chain, f.clock.now_ns(), "mean_reversion"},
                        shut);
    CHECK(shut.entries.empty());
    CHECK_FALSE(f.runner.rehearse(f.clock.now_ns()));
  }
}

TEST_CASE("the position is exited once the index reverts to its mean") {
  mr_fixture f;
  f.hold_call();
  f.bar(25950.0);  // still stretched: held
  CHECK(f.of_type<ev::position_exit_triggered>().empty());
  CHECK(f.last_filter() != "position_open");  // holding is no filter: it only watches its exit
  f.bar(26000.0);
  const auto exits = f.of_type<ev::position_exit_triggered>();
  REQUIRE(exits.size() == 1);
  CHECK(exits[0].instrument == mr_option(25950, true));
  CHECK(exits[0].reason == "mean_reverted");
  CHECK(f.of_type<ev::signal_raised>().back().action == ev::signal_action::exit);
  // An exit on its way is not asked for again.
  f.bar(26010.0);
  CHECK(f.of_type<ev::position_exit_triggered>().size() == 1);
}

TEST_CASE("rehearsing a held position's exit journals nothing and changes no state") {
  mr_fixture f;
  f.hold_call();
  const auto published = f.state.last_seq;
  std::string before, after;
  core::encode_state(f.state, before);
  f.engine->rehearse_exits();
  core::encode_state(f.state, after);
  CHECK(f.state.last_seq == published);
  CHECK(after == before);
  // The exit, when it comes, is the one it would have been without the rehearsal.
  f.bar(26000.0);
  const auto exits = f.of_type<ev::position_exit_triggered>();
  REQUIRE(exits.size() == 1);
  CHECK(exits[0].reason == "mean_reverted");
  CHECK(f.of_type<ev::order_intent>().back().purpose == ev::purpose::exit);
}

TEST_CASE("a position that does not revert is exited after max_hold_bars entry bars") {
  core::strategies::mean_reversion_params p;
  p.max_hold_bars = 3;
  mr_fixture f(p);
  f.hold_call();
  f.bar(25930.0);
  f.bar(25920.0);
  CHECK(f.of_type<ev::position_exit_triggered>().empty());
  CHECK(f.strategy.tracker().zscore() < -p.exit_z);
  f.bar(25910.0);
  const auto exits = f.of_type<ev::position_exit_triggered>();
  REQUIRE(exits.size() == 1);
  CHECK(exits[0].reason == "max_hold");
}

TEST_CASE("after its own exit the strategy waits out the cooldown") {
  mr_fixture f;
  f.hold_call();
  f.bar(26000.0);  // reverted: exit
  f.fill_last(12100);
  REQUIRE(f.state.positions.empty());
  f.bar(25900.0);
  CHECK(f.last_filter() == "cooldown");
}

TEST_CASE("a position of another instance is not its own") {
  mr_fixture f;
  f.warm(26000.0, 0);
  // Another instance holds the at-the-money put.
  ev::order_intent other;
  other.order = "other-1";
  other.strategy = "other_instance";
  other.instrument = mr_option(26000, false);
  other.symbol = "NIFTY2026-01-0626000PE";
  other.qty = 65;
  other.ref_price_paise = 11000;
  other.tick_paise = 5;
  other.lot_size = 65;
  f.publish(other);
  f.accept("other-1");
  f.fill("other-1", 65, 11000);
  REQUIRE(f.state.positions.count(mr_option(26000, false)) == 1);

  // Neither held (no exit asked for it when z sits at the mean) ...
  f.bar(26002.0);
  CHECK(f.of_type<ev::position_exit_triggered>().empty());
  CHECK(f.last_filter() == "zscore");
  // ... nor counted as an open position of its own: a stretch still signals and enters (the
  // account's risk limits then decide).
  f.bar(25940.0);
  CHECK(f.of_type<ev::signal_raised>().back().action == ev::signal_action::enter_long);
  const auto intents = f.of_type<ev::order_intent>();
  REQUIRE(intents.size() == 2);
  CHECK(intents.back().strategy == "mean_reversion");
}

TEST_CASE("the registry builds mean_reversion and refuses bad parameters by key") {
  const auto& r = core::strategy::builtin_strategies();
  core::strategy::params good({{"entry_z", 2.5},
                               {"exit_z", std::int64_t{0}},
                               {"adx_max", std::int64_t{20}},
                               {"entry_timeframe", std::string("15m")}});
  auto made = r.make("mean_reversion", good);
  if (!made.ok()) FAIL(made.error().message);
  CHECK((*made)->name() == "mean_reversion");
  CHECK((*made)->warmup() == std::vector<std::pair<ev::timeframe, int>>{{ev::timeframe::m15, 45}});

  core::strategy::params bad({{"entry_z", 1.0},
                              {"exit_z", 1.5},
                              {"adx_max", std::string("low")},
                              {"zscore_window", std::int64_t{2}},
                              {"entry_timeframe", std::string("1d")},
                              {"kalman_gain", 0.1}});
  auto refused = r.make("mean_reversion", bad);
  REQUIRE_FALSE(refused.ok());
  const std::string& m = refused.error().message;
  CHECK(m.find("exit_z: must be below entry_z") != std::string::npos);
  CHECK(m.find("adx_max: expected a number") != std::string::npos);
  CHECK(m.find("zscore_window: 2 is out of range") != std::string::npos);
  CHECK(m.find("entry_timeframe: '1d' is not one of") != std::string::npos);
  CHECK(m.find("kalman_gain: unknown parameter") != std::string::npos);
}
