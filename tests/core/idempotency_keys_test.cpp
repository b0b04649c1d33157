#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "core/idempotency_keys.hpp"

using namespace strike;

namespace {

std::vector<std::pair<std::string, std::int64_t>> listed(const core::idempotency_keys& keys) {
  std::vector<std::pair<std::string, std::int64_t>> out;
  keys.for_each([&](std::string_view k, std::int64_t ts) { out.emplace_back(k, ts); });
  return out;
}

}  // namespace

TEST_CASE("a key inserted again keeps the ts it was first inserted with") {
  core::idempotency_keys keys;
  keys.insert("e1", 10);
  keys.insert("e1", 20);
  CHECK(keys.size() == 1);
  CHECK(listed(keys) == std::vector<std::pair<std::string, std::int64_t>>{{"e1", 10}});
}

TEST_CASE("every key stays findable as the set grows past its first slots") {
  core::idempotency_keys keys;
  for (int i = 0; i < 5000; ++i) keys.insert("order-" + std::to_string(i) + "/fill", i);
  CHECK(keys.size() == 5000);
  for (int i = 0; i < 5000; ++i) CHECK(keys.contains("order-" + std::to_string(i) + "/fill"));
  CHECK_FALSE(keys.contains("order-5000/fill"));
  CHECK_FALSE(keys.contains("order-1"));
  CHECK_FALSE(keys.contains(""));
}

TEST_CASE("forget_before drops the older keys and keeps the rest in insertion order") {
  core::idempotency_keys keys;
  for (int i = 0; i < 1000; ++i) keys.insert("k" + std::to_string(i), i % 2 == 0 ? i : 2000 - i);
  keys.forget_before(1000);
  CHECK(keys.size() == 500);
  for (int i = 0; i < 1000; ++i) CHECK(keys.contains("k" + std::to_string(i)) == (i % 2 == 1));
  const auto rest = listed(keys);
  REQUIRE(rest.size() == 500);
  CHECK(rest.front() == std::pair<std::string, std::int64_t>{"k1", 1999});
  CHECK(rest.back() == std::pair<std::string, std::int64_t>{"k999", 1001});
  keys.insert("k0", 5);
  CHECK(keys.contains("k0"));
  keys.forget_before(INT64_MAX);
  CHECK(keys.size() == 0);
  CHECK_FALSE(keys.contains("k1"));
}

TEST_CASE("key sets compare as sets of key and ts, whatever the insertion order") {
  core::idempotency_keys a, b;
  for (int i = 0; i < 300; ++i) a.insert("k" + std::to_string(i), i);
  for (int i = 299; i >= 0; --i) b.insert("k" + std::to_string(i), i);
  CHECK(a == b);
  b.forget_before(1);
  CHECK_FALSE(a == b);
  b.insert("k0", 1);
  CHECK_FALSE(a == b);  // same keys, another ts
  CHECK(core::idempotency_keys{} == core::idempotency_keys{});
}

TEST_CASE("room made ahead holds the keys inserted up to it without growing, and finds them") {
  core::idempotency_keys keys;
  for (int i = 0; i < 100; ++i) keys.insert("early-" + std::to_string(i), i);
  keys.reserve(1000);
  const std::size_t room = keys.room();
  CHECK(room >= 1000);
  for (int i = 0; i < 100; ++i) CHECK(keys.contains("early-" + std::to_string(i)));
  for (int i = 100; i < 1000; ++i) keys.insert("late-" + std::to_string(i), i);
  CHECK(keys.room() == room);
  CHECK(keys.size() == 1000);
  for (int i = 100; i < 1000; ++i) CHECK(keys.contains("late-" + std::to_string(i)));
  CHECK_FALSE(keys.contains("late-1000"));
}
