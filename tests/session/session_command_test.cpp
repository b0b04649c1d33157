// striked session DATE as a real process; its JSON read back with simdjson.
#include <doctest/doctest.h>

#include <simdjson.h>

#include <string>

#include "tests/support/child_process.hpp"

using namespace strike;

namespace {

struct answer {
  int code = -1;
  std::string json;
};

answer session(const std::string& date) {
  auto [code, out] = test::run_to_exit(STRIKED_PATH, {"session", date});
  return {code, out};
}

std::string text(simdjson::dom::element e, const char* key) {
  return std::string(std::string_view(e[key]));
}

}  // namespace

TEST_CASE("striked session describes a trading day with its times and the next expiry") {
  const auto a = session("2025-10-20");
  REQUIRE(a.code == 0);
  simdjson::dom::parser p;
  auto doc = p.parse(a.json);
  REQUIRE(doc.error() == simdjson::SUCCESS);
  const auto root = doc.value();
  CHECK(bool(root["trading_day"]) == true);
  CHECK(text(root["session"], "open") == "2025-10-20T09:15:00+05:30");
  CHECK(text(root["session"], "close") == "2025-10-20T15:30:00+05:30");
  CHECK(text(root["session"], "entry_start") == "2025-10-20T10:00:00+05:30");
  CHECK(text(root["session"], "eod_exit") == "2025-10-20T15:20:00+05:30");
  CHECK(text(root, "next_weekly_expiry") == "2025-10-20");
  CHECK(int64_t(root["days_to_expiry"]) == 0);
  CHECK(text(root, "expiry_moved_from") == "2025-10-21");
}

TEST_CASE("striked session says why a holiday has no session") {
  const auto a = session("2025-10-21");
  REQUIRE(a.code == 0);
  simdjson::dom::parser p;
  const auto root = p.parse(a.json).value();
  CHECK(bool(root["trading_day"]) == false);
  CHECK(text(root, "reason") == "holiday: Diwali Laxmi Pujan");
  CHECK(root["session"].is_null());
  CHECK(text(root, "next_trading_day") == "2025-10-23");
  CHECK(text(root, "next_weekly_expiry") == "2025-10-28");
  CHECK(int64_t(root["days_to_expiry"]) == 7);
}

TEST_CASE("striked session counts days to the first Tuesday expiry across the 2025 change") {
  simdjson::dom::parser p;
  const auto thursday = session("2025-08-28");
  CHECK(text(p.parse(thursday.json).value(), "next_weekly_expiry") == "2025-08-28");
  const auto friday = session("2025-08-29");
  const auto root = p.parse(friday.json).value();
  CHECK(text(root, "next_weekly_expiry") == "2025-09-02");
  CHECK(int64_t(root["days_to_expiry"]) == 4);
  CHECK(text(root, "expiry_weekday") == "Tuesday");
}

TEST_CASE("striked session refuses a malformed date") {
  CHECK(session("2025-02-30").code == 2);
  CHECK(session("tomorrow").code == 2);
}
