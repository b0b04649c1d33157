#include <doctest/doctest.h>

#include <utility>
#include <vector>

#include "brokers/circuit_breaker.hpp"
#include "tests/support/units.hpp"

using namespace strike::brokers;
using strike::events::breaker_state;

namespace {

using strike::test::units::s;

struct recorder {
  std::vector<std::pair<breaker_state, std::int64_t>> changes;
  circuit_breaker::listener listener() {
    return [this](breaker_state st, std::int64_t failures) { changes.emplace_back(st, failures); };
  }
};

}  // namespace

TEST_CASE("The breaker opens after N consecutive failures and rejects until the cool-down") {
  recorder r;
  circuit_breaker b(breaker_policy{3, 10 * s}, r.listener());
  for (int i = 0; i < 2; ++i) {
    REQUIRE(b.allow(0));
    b.record_failure(0);
  }
  CHECK(b.state() == breaker_state::closed);
  REQUIRE(b.allow(0));
  b.record_failure(0);
  CHECK(b.state() == breaker_state::open);
  REQUIRE(r.changes.size() == 1);
  CHECK(r.changes[0] == std::make_pair(breaker_state::open, std::int64_t{3}));
  CHECK_FALSE(b.allow(5 * s));
  CHECK_FALSE(b.allow(10 * s - 1));
}

TEST_CASE("A success resets the failure count while closed") {
  circuit_breaker b(breaker_policy{3, 10 * s}, {});
  b.record_failure(0);
  b.record_failure(0);
  b.record_success();
  b.record_failure(0);
  b.record_failure(0);
  CHECK(b.state() == breaker_state::closed);
}

TEST_CASE("After the cool-down exactly one probe goes, and its success closes the breaker") {
  recorder r;
  circuit_breaker b(breaker_policy{1, 10 * s}, r.listener());
  b.record_failure(0);
  REQUIRE(b.state() == breaker_state::open);
  CHECK(b.allow(10 * s));
  CHECK(b.state() == breaker_state::half_open);
  CHECK_FALSE(b.allow(10 * s));  // the probe is still out
  b.record_success();
  CHECK(b.state() == breaker_state::closed);
  CHECK(b.allow(10 * s));
  REQUIRE(r.changes.size() == 3);
  CHECK(r.changes[1].first == breaker_state::half_open);
  CHECK(r.changes[2] == std::make_pair(breaker_state::closed, std::int64_t{0}));
}

TEST_CASE("A failed probe opens the breaker for another cool-down") {
  circuit_breaker b(breaker_policy{2, 10 * s}, {});
  b.record_failure(0);
  b.record_failure(0);
  REQUIRE(b.allow(10 * s));
  b.record_failure(10 * s);
  CHECK(b.state() == breaker_state::open);
  CHECK_FALSE(b.allow(19 * s));
  CHECK(b.allow(20 * s));
}

TEST_CASE("A released probe lets the next caller probe") {
  circuit_breaker b(breaker_policy{1, s}, {});
  b.record_failure(0);
  REQUIRE(b.allow(s));
  b.release_probe();
  CHECK(b.allow(s));
  CHECK(b.state() == breaker_state::half_open);
}

TEST_CASE("An urgent request probes an open breaker once a second, and its success closes it") {
  recorder r;
  circuit_breaker b(breaker_policy{1, 30 * s, 1 * s}, r.listener());
  REQUIRE(b.allow(0));
  b.record_failure(0);
  REQUIRE(b.state() == breaker_state::open);
  CHECK_FALSE(b.allow(s));
  CHECK(b.allow_urgent(s));
  b.record_failure(s);  // still down: open again, for urgent requests too, for a second
  CHECK_FALSE(b.allow_urgent(s + s / 2));
  CHECK_FALSE(b.allow(2 * s));
  CHECK(b.allow_urgent(2 * s));
  b.record_success();
  CHECK(b.state() == breaker_state::closed);
  CHECK(b.allow(2 * s));
}
