#include <doctest/doctest.h>

#include "core/trading/vix_breaker.hpp"

using namespace strike::core::trading;
namespace ev = strike::events;

namespace {
constexpr std::int64_t minute = 60'000'000'000;
}

TEST_CASE("VIX at the level trips the breaker") {
  vix_breaker b({});
  CHECK_FALSE(b.on_vix(1 * minute, 24.9, false).has_value());
  auto t = b.on_vix(2 * minute, 25.0, false);
  REQUIRE(t.has_value());
  const auto& trip = std::get<ev::vix_breaker_tripped>(*t);
  CHECK(trip.trigger == "level");
  CHECK(trip.vix == 25.0);
}

TEST_CASE("a jump of 15 % within the window trips, and the same rise spread wider does not") {
  vix_breaker fast({});
  CHECK_FALSE(fast.on_vix(0, 14.0, false).has_value());
  CHECK_FALSE(fast.on_vix(5 * minute, 15.0, false).has_value());
  auto t = fast.on_vix(10 * minute, 16.2, false);  // +15.7 % from 14.0 within 15 minutes
  REQUIRE(t.has_value());
  CHECK(std::get<ev::vix_breaker_tripped>(*t).trigger == "jump");

  vix_breaker slow({});
  CHECK_FALSE(slow.on_vix(0, 14.0, false).has_value());
  CHECK_FALSE(slow.on_vix(10 * minute, 15.0, false).has_value());
  CHECK_FALSE(slow.on_vix(20 * minute, 16.2, false).has_value());  // 14.0 left the window: +8 %
}

TEST_CASE("the breaker resets only after VIX stays below the reset level for the calm time") {
  vix_breaker b({});
  for (int m = 0; m <= 20; ++m) CHECK_FALSE(b.on_vix(m * minute, 19.0, true).has_value());
  CHECK_FALSE(b.on_vix(25 * minute, 21.0, true).has_value());  // back above: the calm restarts
  for (int m = 30; m < 60; ++m) CHECK_FALSE(b.on_vix(m * minute, 18.0, true).has_value());
  auto r = b.on_vix(60 * minute, 18.0, true);
  REQUIRE(r.has_value());
  CHECK(std::get<ev::vix_breaker_reset>(*r).calm_ns == 30 * minute);
}

TEST_CASE("the night is not calm: a gap without prints restarts the calm time") {
  vix_breaker b({});
  for (int m = 0; m <= 20; ++m) CHECK_FALSE(b.on_vix(m * minute, 18.0, true).has_value());
  // The close at 20 minutes in, the next open 18 hours later: the first print under the reset
  // level does not reset the breaker.
  const std::int64_t open = 20 * minute + 18 * 60 * minute;
  CHECK_FALSE(b.on_vix(open, 18.0, true).has_value());
  for (int m = 1; m < 30; ++m) CHECK_FALSE(b.on_vix(open + m * minute, 18.0, true).has_value());
  CHECK(b.on_vix(open + 30 * minute, 18.0, true).has_value());
}

TEST_CASE("prints out of order or not positive are ignored") {
  vix_breaker b({});
  CHECK_FALSE(b.on_vix(10 * minute, 14.0, false).has_value());
  CHECK_FALSE(b.on_vix(5 * minute, 30.0, false).has_value());
  CHECK_FALSE(b.on_vix(11 * minute, 0.0, false).has_value());
}
