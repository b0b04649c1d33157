#include <doctest/doctest.h>

#include <deque>

#include "brokers/token_bucket.hpp"
#include "tests/support/units.hpp"

using namespace strike::brokers;

namespace {
using strike::test::units::s;
using strike::test::units::ms;
}  // namespace

TEST_CASE("A full bucket lets its whole count through at once, then makes the next wait") {
  token_bucket b(rate{9, s});
  for (int i = 0; i < 9; ++i) {
    REQUIRE(b.wait_ns(0) == 0);
    b.take(0);
  }
  CHECK(b.wait_ns(0) == s);
  CHECK(b.wait_ns(400 * ms) == 600 * ms);
  CHECK(b.wait_ns(s) == 0);
}

TEST_CASE("A spent token comes back one period after it was spent, plus the margin") {
  token_bucket b(rate{2, s}, 50 * ms);
  b.take(0);
  b.take(300 * ms);
  CHECK(b.wait_ns(500 * ms) == 550 * ms);
  b.take(1050 * ms);
  CHECK(b.wait_ns(1050 * ms) == 300 * ms);  // the token spent at 300 ms is next
}

TEST_CASE("No interval of one period ever holds more than count requests") {
  // Greedy use of the bucket for a minute; every sliding window of one second is checked, so
  // fixed windows (any alignment) are covered too.
  token_bucket b(rate{9, s});
  std::deque<std::int64_t> sent;
  std::int64_t now = 0;
  while (now < 60 * s) {
    const auto wait = b.wait_ns(now);
    if (wait > 0) {
      now += wait;
      continue;
    }
    b.take(now);
    sent.push_back(now);
    now += 7 * ms;
  }
  for (std::size_t i = 0; i + 9 < sent.size(); ++i) REQUIRE(sent[i + 9] - sent[i] >= s);
  CHECK(sent.size() >= 9 * 59);
}

TEST_CASE("A zero count means unlimited") {
  token_bucket b(rate{0, 0});
  for (int i = 0; i < 1000; ++i) {
    REQUIRE(b.wait_ns(0) == 0);
    b.take(0);
  }
}

TEST_CASE("A rate limit holds every one of its windows and takes nothing while any is empty") {
  rate_limit limit({rate{3, s}, rate{4, 60 * s}});
  CHECK(limit.try_take(0) == 0);
  CHECK(limit.try_take(0) == 0);
  CHECK(limit.try_take(0) == 0);
  CHECK(limit.try_take(0) == s);  // per-second window empty
  // A second later the per-second window has room, the per-minute one one token more.
  CHECK(limit.try_take(s) == 0);
  CHECK(limit.try_take(s) == 59 * s);  // now the per-minute window decides
  CHECK(limit.try_take(60 * s) == 0);
}
