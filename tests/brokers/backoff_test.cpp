#include <doctest/doctest.h>

#include "brokers/backoff.hpp"
#include "tests/support/units.hpp"

using namespace strike::brokers;

namespace {
using strike::test::units::ms;
}

TEST_CASE("Backoff doubles from 750 ms up to its cap") {
  backoff b(backoff_policy{750 * ms, 3000 * ms, 0}, 1);
  CHECK(b.delay_ns(1) == 750 * ms);
  CHECK(b.delay_ns(2) == 1500 * ms);
  CHECK(b.delay_ns(3) == 3000 * ms);
  CHECK(b.delay_ns(4) == 3000 * ms);
  CHECK(b.delay_ns(60) == 3000 * ms);
}

TEST_CASE("Backoff jitter stays within its percentage of the nominal delay and varies") {
  backoff b(backoff_policy{1000 * ms, 8000 * ms, 20}, 42);
  std::int64_t lowest = INT64_MAX, highest = 0;
  for (int i = 0; i < 200; ++i) {
    const auto d = b.delay_ns(2);
    REQUIRE(d >= 1600 * ms);
    REQUIRE(d <= 2400 * ms);
    lowest = std::min(lowest, d);
    highest = std::max(highest, d);
  }
  CHECK(highest - lowest > 400 * ms);
}

TEST_CASE("Backoff with the same seed draws the same delays") {
  backoff a(backoff_policy{}, 7), b(backoff_policy{}, 7);
  for (int i = 1; i < 10; ++i) CHECK(a.delay_ns(i) == b.delay_ns(i));
}
