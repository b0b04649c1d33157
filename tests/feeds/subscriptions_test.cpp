// SmartStream subscriptions: the messages that say what to stream, one mode per instrument, the
// connection's limit, and which ticks are new (sequence numbers, exchange time for indices,
// daily resets).
#include <doctest/doctest.h>
#include <simdjson.h>

#include <string>
#include <vector>

#include "brokers/angelone/smartstream/subscriptions.hpp"
#include "core/clock.hpp"
#include "core/ist.hpp"

using namespace strike;
using brokers::feed_mode;
using brokers::market_tick;
using brokers::angelone::smartstream::subscriptions;
using verdict = subscriptions::verdict;

namespace {

struct parsed {
  int action = -1;
  int mode = 0;
  std::vector<std::pair<int, std::string>> tokens;
};

parsed read(const std::string& message) {
  simdjson::dom::parser p;
  simdjson::dom::element doc = p.parse(message);
  parsed out;
  out.action = static_cast<int>(std::int64_t(doc["action"]));
  out.mode = static_cast<int>(std::int64_t(doc["params"]["mode"]));
  std::string_view correlation = doc["correlationID"];
  CHECK(correlation.size() == 10);
  for (auto group : doc["params"]["tokenList"].get_array()) {
    const int type = static_cast<int>(std::int64_t(group["exchangeType"]));
    for (auto t : group["tokens"].get_array()) out.tokens.emplace_back(type, std::string(std::string_view(t)));
  }
  return out;
}

market_tick tick(std::uint8_t type, std::string_view token, std::int64_t seq, std::int64_t ns) {
  market_tick t;
  t.exchange_type = type;
  t.token = token;
  t.sequence = seq;
  t.exchange_ns = ns;
  return t;
}

const std::int64_t ten_am = core::ist_time_ns({2026, 1, 5}, 10 * 60);
const std::int64_t next_day = core::ist_time_ns({2026, 1, 6}, 9 * 60 + 15);

}  // namespace

TEST_CASE("Subscribing groups tokens by exchange type in one message per mode") {
  subscriptions s;
  std::vector<std::string> out;
  const std::vector<std::string> list{"NSE:99926000", "NFO:40012", "NSE:99926017", "NFO:40013"};
  REQUIRE(s.add(list, feed_mode::quote, out).ok());
  REQUIRE(out.size() == 1);
  const auto m = read(out[0]);
  CHECK(m.action == 1);
  CHECK(m.mode == 2);
  CHECK(m.tokens == std::vector<std::pair<int, std::string>>{{1, "99926000"}, {1, "99926017"}, {2, "40012"}, {2, "40013"}});
  CHECK(s.size() == 4);
}

TEST_CASE("Subscribing again in the same mode sends nothing, and in another mode it unsubscribes the old one first") {
  subscriptions s;
  std::vector<std::string> out;
  const std::vector<std::string> one{"NFO:40012"};
  REQUIRE(s.add(one, feed_mode::ltp, out).ok());
  out.clear();
  REQUIRE(s.add(one, feed_mode::ltp, out).ok());
  CHECK(out.empty());
  REQUIRE(s.add(one, feed_mode::snap_quote, out).ok());
  REQUIRE(out.size() == 2);
  CHECK(read(out[0]).action == 0);
  CHECK(read(out[0]).mode == 1);
  CHECK(read(out[1]).action == 1);
  CHECK(read(out[1]).mode == 3);
  CHECK(s.size() == 1);
}

TEST_CASE("A restore subscribes everything, one message per mode") {
  subscriptions s;
  std::vector<std::string> out;
  const std::vector<std::string> a{"NFO:40012", "NFO:40013"}, b{"NSE:99926000"};
  REQUIRE(s.add(a, feed_mode::quote, out).ok());
  REQUIRE(s.add(b, feed_mode::ltp, out).ok());
  const auto restore = s.restore();
  REQUIRE(restore.size() == 2);
  CHECK(read(restore[0]).mode == 1);
  CHECK(read(restore[0]).tokens.size() == 1);
  CHECK(read(restore[1]).mode == 2);
  CHECK(read(restore[1]).tokens.size() == 2);
}

TEST_CASE("Unsubscribing forgets instruments and ignores unknown ones") {
  subscriptions s;
  std::vector<std::string> out;
  const std::vector<std::string> a{"NFO:40012", "NFO:40013"}, gone{"NFO:40013", "NFO:99999"};
  REQUIRE(s.add(a, feed_mode::quote, out).ok());
  out.clear();
  REQUIRE(s.remove(gone, out).ok());
  REQUIRE(out.size() == 1);
  CHECK(read(out[0]).action == 0);
  CHECK(read(out[0]).tokens == std::vector<std::pair<int, std::string>>{{2, "40013"}});
  CHECK(s.size() == 1);
  CHECK(s.admit(tick(2, "40013", 1, ten_am)) == verdict::unsubscribed);
}

TEST_CASE("Unusable instruments and more than 1000 subscriptions are refused without any change") {
  subscriptions s;
  std::vector<std::string> out;
  for (const char* bad : {"58784", "XYZ:1", "NFO:", "NFO:12\"3", "NFO:12345678901234567890123456"}) {
    const std::vector<std::string> list{"NFO:1", bad};
    CHECK_FALSE(s.add(list, feed_mode::ltp, out).ok());
  }
  CHECK(s.size() == 0);
  CHECK(out.empty());
  std::vector<std::string> many;
  for (int i = 0; i < 1000; ++i) many.push_back("NFO:" + std::to_string(40000 + i));
  REQUIRE(s.add(many, feed_mode::ltp, out).ok());
  const std::vector<std::string> extra{"NFO:50000"};
  CHECK_FALSE(s.add(extra, feed_mode::ltp, out).ok());
  CHECK(s.size() == 1000);
}

TEST_CASE("A tick is new only when its sequence number is greater than the last one seen") {
  subscriptions s;
  std::vector<std::string> out;
  const std::vector<std::string> list{"NFO:40012", "NFO:40013"};
  REQUIRE(s.add(list, feed_mode::quote, out).ok());
  CHECK(s.admit(tick(2, "40012", 100, ten_am)) == verdict::fresh);
  CHECK(s.admit(tick(2, "40012", 100, ten_am)) == verdict::duplicate);
  CHECK(s.admit(tick(2, "40012", 99, ten_am + 5)) == verdict::duplicate);
  CHECK(s.admit(tick(2, "40012", 101, ten_am)) == verdict::fresh);
  CHECK(s.admit(tick(2, "40013", 50, ten_am)) == verdict::fresh);  // per instrument
  CHECK(s.admit(tick(1, "40013", 51, ten_am)) == verdict::unsubscribed);  // another exchange
}

TEST_CASE("Index ticks are ordered by exchange time, their sequence numbers being meaningless") {
  subscriptions s;
  std::vector<std::string> out;
  const std::vector<std::string> list{"NSE:99926000"};
  REQUIRE(s.add(list, feed_mode::ltp, out).ok());
  CHECK(s.admit(tick(1, "99926000", 900, ten_am)) == verdict::fresh);
  CHECK(s.admit(tick(1, "99926000", 5, ten_am + core::ns_per_s)) == verdict::fresh);
  CHECK(s.admit(tick(1, "99926000", 7000, ten_am + core::ns_per_s)) == verdict::duplicate);
  CHECK(s.admit(tick(1, "99926000", 7001, ten_am)) == verdict::duplicate);
}

TEST_CASE("A new exchange date starts afresh, so a daily sequence reset is not taken for old data") {
  subscriptions s;
  std::vector<std::string> out;
  const std::vector<std::string> list{"NFO:40012"};
  REQUIRE(s.add(list, feed_mode::quote, out).ok());
  CHECK(s.admit(tick(2, "40012", 9'000'000, ten_am)) == verdict::fresh);
  CHECK(s.admit(tick(2, "40012", 1, next_day)) == verdict::fresh);
  CHECK(s.admit(tick(2, "40012", 9'000'001, ten_am)) == verdict::duplicate);  // yesterday's
}

TEST_CASE("A tick's instrument is named as it was subscribed") {
  subscriptions s;
  std::vector<std::string> out;
  const std::vector<std::string> list{"NFO:40012"};
  REQUIRE(s.add(list, feed_mode::quote, out).ok());
  CHECK(s.instrument_of(2, "40012") == "NFO:40012");
  CHECK(s.instrument_of(1, "40012").empty());
}

TEST_CASE("A tick stamped at the end of representable time is judged without overflow (found by fuzzing)") {
  subscriptions s;
  std::vector<std::string> out;
  const std::vector<std::string> list{"NSE:99926000"};
  REQUIRE(s.add(list, feed_mode::ltp, out).ok());
  const std::int64_t last = 9'223'372'036'854'000'000;  // the largest whole millisecond in int64 ns
  CHECK(s.admit(tick(1, "99926000", 0, last)) == verdict::fresh);
  CHECK(s.admit(tick(1, "99926000", 0, last)) == verdict::duplicate);
}
