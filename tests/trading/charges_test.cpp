#include <doctest/doctest.h>

#include "core/trading/charges.hpp"

using namespace strike::core::trading;
namespace ev = strike::events;

// One NIFTY lot (65) at ₹102.75: premium value ₹6,678.75 = 667,875 paise.
TEST_CASE("charges on a buy fill, component by component") {
  const auto c = charges_for_fill({}, ev::side::buy, 65, 10275, true);
  CHECK(c.brokerage == 2000);  // ₹20 per executed order
  CHECK(c.stt == 0);           // STT is on the sell side only
  CHECK(c.stamp == 20);        // 0.003 % of 667,875 = 20.04
  CHECK(c.exchange == 234);    // 0.03503 % of 667,875 = 233.957
  CHECK(c.sebi == 1);          // 0.0001 % of 667,875 = 0.668
  CHECK(c.ipft == 3);          // 0.0005 % of 667,875 = 3.339
  CHECK(c.gst == 402);         // 18 % of (2000 + 234 + 1) = 402.3
  CHECK(c.total() == 2660);
}

TEST_CASE("charges on a sell fill carry STT and no stamp duty") {
  const auto c = charges_for_fill({}, ev::side::sell, 65, 10275, true);
  CHECK(c.stt == 668);  // 0.1 % of 667,875 = 667.875
  CHECK(c.stamp == 0);
  CHECK(c.total() == 2000 + 668 + 234 + 1 + 3 + 402);
}

TEST_CASE("brokerage is charged once per order, on its first fill") {
  const auto first = charges_for_fill({}, ev::side::buy, 30, 10000, true);
  const auto second = charges_for_fill({}, ev::side::buy, 35, 10000, false);
  CHECK(first.brokerage == 2000);
  CHECK(second.brokerage == 0);
  CHECK(second.gst == 18 * (second.exchange + second.sebi) / 100 +
                          ((18 * (second.exchange + second.sebi)) % 100 >= 50));
}

TEST_CASE("a brokerage cap as a share of value applies when lower") {
  charge_rates r;
  r.brokerage_cap_ppb = 25'000'000;                                  // 2.5 %
  const auto c = charges_for_fill(r, ev::side::buy, 1, 1000, true);  // value ₹10: cap 25 paise
  CHECK(c.brokerage == 25);
}

TEST_CASE("rounding is half-up to the paisa and exact for large values") {
  CHECK(apply_ppb(500, 1'000'000) == 1);  // 0.5 -> 1
  CHECK(apply_ppb(499, 1'000'000) == 0);  // 0.499 -> 0
  CHECK(apply_ppb(-500, 1'000'000) == -1);
  CHECK(apply_ppb(4'000'000'000'000'000, 1'000'000) == 4'000'000'000'000);
}

TEST_CASE("an option settled at expiry pays the exercise STT when held long in the money") {
  // 65 units settled at ₹123.45: 0.125 % of ₹8,024.25 is ₹10.03.
  const auto c = settlement_charges({}, true, 65, 12345);
  CHECK(c.stt == 1003);
  CHECK(c.total() == 1003);  // no order was placed: no brokerage, exchange fee or stamp duty
  CHECK(settlement_charges({}, true, 65, 0).total() == 0);       // expired worthless
  CHECK(settlement_charges({}, false, 65, 12345).total() == 0);  // the writer pays no STT
}
