#include <doctest/doctest.h>

#include <random>

#include "core/trading/ladder.hpp"

using namespace strike::core::trading;
namespace ev = strike::events;

TEST_CASE("a buy ladder on ₹100.00 with a ₹0.05 tick steps +0.25 % to +1.00 %") {
  const ladder_config c;
  CHECK(step_price(c, ev::side::buy, 10000, 5, 0) == 10000);
  CHECK(step_price(c, ev::side::buy, 10000, 5, 1) == 10025);
  CHECK(step_price(c, ev::side::buy, 10000, 5, 2) == 10050);
  CHECK(step_price(c, ev::side::buy, 10000, 5, 3) == 10075);
  CHECK(step_price(c, ev::side::buy, 10000, 5, 4) == 10100);
}

TEST_CASE("a sell ladder steps down and rounds to the tick") {
  const ladder_config c;
  // 0.25 % of ₹123.45 is 30.86 paise: 6 ticks of 5.
  CHECK(step_price(c, ev::side::sell, 12345, 5, 0) == 12345);
  CHECK(step_price(c, ev::side::sell, 12345, 5, 1) == 12315);
  CHECK(step_price(c, ev::side::sell, 12345, 5, 4) == 12220);  // 1 % = 123.45 -> 25 ticks
}

TEST_CASE("on a small premium steps under half a tick are skipped, never exceeded") {
  const ladder_config c;
  // ₹10.00 on a ₹0.05 tick: +2.5, +5, +7.5, +10 paise -> 1, 1, 2, 2 ticks (ties away).
  CHECK(step_price(c, ev::side::buy, 1000, 5, 1) == 1005);
  CHECK(step_price(c, ev::side::buy, 1000, 5, 2) == 1005);
  CHECK(step_price(c, ev::side::buy, 1000, 5, 3) == 1010);
  CHECK(step_price(c, ev::side::buy, 1000, 5, 4) == 1010);
  ladder_config quick;
  quick.step_wait_ns = quick.exit_step_wait_ns = 1;
  auto a = next_ladder_action(quick, ev::side::buy, ev::purpose::entry, 1000, 5, 1, 0, 1);
  CHECK(a.what == ladder_action::kind::step);
  CHECK(a.step == 3);  // step 2 would not move the price
  a = next_ladder_action(quick, ev::side::buy, ev::purpose::entry, 1000, 5, 3, 0, 1);
  CHECK(a.what == ladder_action::kind::cancel);
  // ₹2.00: every step is under half a tick, so an exit goes straight to crossing.
  a = next_ladder_action(quick, ev::side::sell, ev::purpose::exit, 200, 5, 0, 0, 1);
  CHECK(a.what == ladder_action::kind::cross);
  CHECK(step_price(c, ev::side::sell, 5, 5, 4) == 5);  // never below one tick
}

TEST_CASE(
    "every step price is on the tick grid, never moves back, and is within half a tick of its "
    "table offset") {
  std::mt19937_64 rng(5);
  const ladder_config c;
  for (int i = 0; i < 20000; ++i) {
    const std::int64_t tick = std::array<std::int64_t, 3>{5, 10, 100}[rng() % 3];
    const std::int64_t ref = (1 + static_cast<std::int64_t>(rng() % 200000)) * tick;
    const auto side = rng() % 2 ? ev::side::buy : ev::side::sell;
    std::int64_t prev = step_price(c, side, ref, tick, 0);
    CHECK(prev == ref);
    for (std::int64_t s = 1; s <= 4; ++s) {
      const std::int64_t p = step_price(c, side, ref, tick, s);
      CHECK(p % tick == 0);
      if (side == ev::side::buy) CHECK(p >= prev);
      if (side == ev::side::sell) CHECK(p <= prev);
      const double ideal = static_cast<double>(ref) *
                           (1 + (side == ev::side::buy ? 1 : -1) * c.steps_bps[s - 1] / 1e4);
      if (p > tick) CHECK(std::abs(static_cast<double>(p) - ideal) <= 0.5 * tick + 1e-6);
      prev = p;
    }
  }
}

TEST_CASE("the reference is the touch on the side that fills, else the last price") {
  CHECK(reference_price(ev::side::buy, 100, 95, 105) == 105);
  CHECK(reference_price(ev::side::sell, 100, 95, 105) == 95);
  CHECK(reference_price(ev::side::buy, 100, 0, 0) == 100);
}

TEST_CASE("the ladder waits, steps, then cancels an entry or crosses an exit") {
  ladder_config c;
  c.step_wait_ns = 1000;
  c.exit_step_wait_ns = 500;
  auto a = next_ladder_action(c, ev::side::buy, ev::purpose::entry, 10000, 5, 0, 5000, 5999);
  CHECK(a.what == ladder_action::kind::none);
  CHECK(a.due_ns == 6000);
  a = next_ladder_action(c, ev::side::buy, ev::purpose::entry, 10000, 5, 0, 5000, 6000);
  CHECK(a.what == ladder_action::kind::step);
  CHECK(a.step == 1);
  CHECK(a.price_paise == 10025);
  a = next_ladder_action(c, ev::side::buy, ev::purpose::entry, 10000, 5, 4, 5000, 6000);
  CHECK(a.what == ladder_action::kind::cancel);
  a = next_ladder_action(c, ev::side::sell, ev::purpose::exit, 10000, 5, 4, 5000, 5499);
  CHECK(a.what == ladder_action::kind::none);
  a = next_ladder_action(c, ev::side::sell, ev::purpose::exit, 10000, 5, 4, 5000, 5500);
  CHECK(a.what == ladder_action::kind::cross);
}

TEST_CASE("an exit steps from the live bid, never raises its price, and crosses at the end") {
  ladder_config c;
  c.exit_step_wait_ns = 1000;
  c.exit_protection_bps = 0;
  // Sold at ₹141.25; a second later the bid is ₹137.75: step 1 goes 0.25 % under the live bid.
  auto a = next_exit_action(c, ev::side::sell, 13775, 14125, 5, 0, 0, 999);
  CHECK(a.what == ladder_action::kind::none);
  a = next_exit_action(c, ev::side::sell, 13775, 14125, 5, 0, 0, 1000);
  REQUIRE(a.what == ladder_action::kind::step);
  CHECK(a.step == 1);
  CHECK(a.price_paise == 13740);
  // The bid bounced above the order's price: the order keeps its price (it is marketable) and
  // the next step that moves it is taken.
  a = next_exit_action(c, ev::side::sell, 14500, 13740, 5, 1, 0, 1000);
  CHECK(a.what == ladder_action::kind::cross);
  // Buying back a short chases the live ask upward the same way.
  a = next_exit_action(c, ev::side::buy, 10100, 10000, 5, 0, 0, 1000);
  REQUIRE(a.what == ladder_action::kind::step);
  CHECK(a.price_paise == 10125);
  // With protection every price goes that much further through the touch.
  c.exit_protection_bps = 100;
  CHECK(exit_step_price(c, ev::side::sell, 13775, 5, 0) == 13635);
  CHECK(exit_step_price(c, ev::side::sell, 13775, 5, 1) == 13605);
  CHECK(exit_step_price(c, ev::side::buy, 10000, 5, 0) == 10100);
  CHECK(exit_step_price(c, ev::side::sell, 5, 5, 4) == 5);  // never below one tick
}
