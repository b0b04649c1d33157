#include <doctest/doctest.h>

#include "brokers/token_bucket.hpp"

using namespace strike::brokers;

namespace {
constexpr std::int64_t s = 1'000'000'000;
constexpr std::int64_t ms = 1'000'000;
}  // namespace

TEST_CASE("A full bucket lets its whole count through at once, then makes the next wait") {
  token_bucket b(rate{9, s}, 0);
  for (int i = 0; i < 9; ++i) {
    REQUIRE(b.wait_ns(0) == 0);
    b.take(0);
  }
  CHECK(b.wait_ns(0) == (s + 8) / 9);
}

TEST_CASE("A bucket refills at count per period") {
  token_bucket b(rate{2, s}, 0);
  b.take(0);
  b.take(0);
  CHECK(b.wait_ns(0) == 500 * ms);
  CHECK(b.wait_ns(250 * ms) == 250 * ms);
  CHECK(b.wait_ns(500 * ms) == 0);
}

TEST_CASE("A long idle gap refills the bucket only up to its capacity") {
  token_bucket b(rate{3, s}, 0);
  for (int i = 0; i < 3; ++i) b.take(0);
  CHECK(b.wait_ns(3600 * s) == 0);
  for (int i = 0; i < 3; ++i) b.take(3600 * s);
  CHECK(b.wait_ns(3600 * s) > 0);
}

TEST_CASE("A zero count means unlimited") {
  token_bucket b(rate{0, 0}, 0);
  for (int i = 0; i < 1000; ++i) {
    REQUIRE(b.wait_ns(0) == 0);
    b.take(0);
  }
}

TEST_CASE("A rate limit holds every one of its windows and takes nothing while any is empty") {
  rate_limit limit({rate{3, s}, rate{4, 60 * s}}, 0);
  CHECK(limit.try_take(0) == 0);
  CHECK(limit.try_take(0) == 0);
  CHECK(limit.try_take(0) == 0);
  CHECK(limit.try_take(0) > 0);  // per-second window empty
  // A second later the per-second window has room, the per-minute one has one token left.
  CHECK(limit.try_take(s) == 0);
  const auto wait = limit.try_take(s);
  CHECK(wait > 10 * s);  // now the per-minute window decides
  CHECK(limit.try_take(s + wait) == 0);
}
