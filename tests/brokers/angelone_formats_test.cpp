#include <doctest/doctest.h>

#include "brokers/angelone/json_fields.hpp"
#include "brokers/angelone/time_format.hpp"
#include "brokers/angelone/vocabulary.hpp"

using namespace strike::brokers;
using namespace strike::brokers::angelone;
using strike::core::civil_date;

TEST_CASE("Decimal text scales to integers with half-up rounding beyond the scale") {
  CHECK(scaled_decimal("194.50", 2) == 19450);
  CHECK(scaled_decimal("194.5", 2) == 19450);
  CHECK(scaled_decimal("19500", 2) == 1950000);
  CHECK(scaled_decimal("-75", 0) == -75);
  CHECK(scaled_decimal("0.055", 2) == 6);
  CHECK(scaled_decimal("0.054", 2) == 5);
  CHECK(scaled_decimal("2440000.000000", 0) == 2440000);
  CHECK(scaled_decimal(" 12.3 ", 2) == 1230);
  CHECK(scaled_decimal(".5", 2) == 50);
  CHECK_FALSE(scaled_decimal("", 2));
  CHECK_FALSE(scaled_decimal("abc", 2));
  CHECK_FALSE(scaled_decimal("1.2.3", 2));
  CHECK_FALSE(scaled_decimal("1e5", 2));
  CHECK_FALSE(scaled_decimal("99999999999999999999", 2));
}

TEST_CASE("Fields read strings and numbers alike and name the field of a bad value") {
  simdjson::dom::parser parser;
  const std::string json =
      R"({"p1":"102.50","p2":102.5,"p3":102,"q":"75","n":null,"e":"","bad":"x1","t":58784})";
  simdjson::dom::object o = parser.parse(json).get_object().value();
  fields f(o);
  CHECK(f.paise("p1") == 10250);
  CHECK(f.paise("p2") == 10250);
  CHECK(f.paise("p3") == 10200);
  CHECK(f.integer("q") == 75);
  CHECK(f.integer("n") == 0);
  CHECK(f.integer("e") == 0);
  CHECK(f.integer("missing") == 0);
  CHECK(f.text("t") == "58784");
  CHECK(f.text("n").empty());
  CHECK(f.ok());
  CHECK(f.integer("bad") == 0);
  CHECK_FALSE(f.ok());
  CHECK(f.problem() == "field 'bad': not a number: x1");
}

TEST_CASE("An integer that overflows when scaled to paise is a problem, not a wrapped price") {
  simdjson::dom::parser parser;
  // 10222222222222222234 is beyond int64; 92233720368547759 fits, but not once scaled by 100.
  const std::string json = R"({"u":10222222222222222234,"i":92233720368547759,"neg":-92233720368547759,"ok":9})";
  simdjson::dom::object o = parser.parse(json).get_object().value();
  fields f(o);
  CHECK(f.paise("ok") == 900);
  CHECK(f.integer("i") == 92233720368547759);
  CHECK(f.ok());
  CHECK(f.paise("i") == 0);
  CHECK_FALSE(f.ok());
  CHECK(f.problem() == "field 'i': out of range: 92233720368547759");
  fields g(o);
  CHECK(g.paise("neg") == 0);
  CHECK(g.problem() == "field 'neg': out of range: -92233720368547759");
  fields h(o);
  CHECK(h.integer("u") == 0);
  CHECK(h.problem() == "field 'u': out of range: 10222222222222222234");
}

TEST_CASE("Order book times, clock times and ISO times convert from IST to UTC") {
  // 2020-10-20 13:10:59 IST = 07:40:59 UTC.
  const std::int64_t expected = 1603179659LL * 1'000'000'000;
  CHECK(parse_book_time("20-Oct-2020 13:10:59") == expected);
  CHECK(parse_clock_time("13:10:59", civil_date{2020, 10, 20}) == expected);
  CHECK(parse_iso_time("2020-10-20T13:10:59+05:30") == expected);
  CHECK(parse_iso_time("2020-10-20T07:40:59Z") == expected);
  CHECK_FALSE(parse_book_time(""));
  CHECK_FALSE(parse_book_time("31-Feb-2020 13:10:59"));
  CHECK_FALSE(parse_iso_time("2020-10-20 13:10"));
}

TEST_CASE("Expiry dates and candle bounds use Angel One's spellings") {
  CHECK(parse_expiry("28OCT2025") == civil_date{2025, 10, 28});
  CHECK(parse_expiry("07jul2026") == civil_date{2026, 7, 7});
  CHECK_FALSE(parse_expiry(""));
  CHECK_FALSE(parse_expiry("30FEB2026"));
  // 2025-01-02 09:15 IST = 03:45 UTC.
  CHECK(format_candle_bound(1735789500LL * 1'000'000'000) == "2025-01-02 09:15");
}

TEST_CASE("Status words fold into order states, whatever their case") {
  CHECK(state_from("open") == order_state::open);
  CHECK(state_from("Trigger Pending") == order_state::trigger_pending);
  CHECK(state_from("complete") == order_state::complete);
  CHECK(state_from("cancelled after market order") == order_state::cancelled);
  CHECK(state_from("validation pending") == order_state::pending);
  CHECK(state_from("rejected") == order_state::rejected);
  CHECK(state_from("something new") == order_state::unknown);
}

TEST_CASE("Instruments split into exchange and token, and ordertags stay under 20 characters") {
  const auto p = split_instrument("NFO:58784");
  REQUIRE(p);
  CHECK(p->exchange == "NFO");
  CHECK(p->token == "58784");
  CHECK_FALSE(split_instrument("58784"));
  CHECK_FALSE(split_instrument("NFO:"));
  CHECK(ordertag_for("strike-001") == "strike-001");
  const std::string digest(64, 'a');
  CHECK(ordertag_for(digest).size() == 19);
}

TEST_CASE("Candle intervals have their names and per-request day limits") {
  CHECK(interval_name(candle_interval::m1) == "ONE_MINUTE");
  CHECK(interval_from("FIFTEEN_MINUTE") == candle_interval::m15);
  CHECK(max_days_per_request(candle_interval::m1) == 30);
  CHECK(max_days_per_request(candle_interval::h1) == 400);
  CHECK(max_days_per_request(candle_interval::d1) == 2000);
}
