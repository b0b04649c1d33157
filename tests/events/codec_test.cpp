#include <doctest/doctest.h>
#include <simdjson.h>

#include <random>
#include <set>

#include "base/json_writer.hpp"
#include "events/codec.hpp"
#include "tests/support/sample_payloads.hpp"

using namespace strike;

namespace {

events::event make_event(std::size_t type, std::mt19937_64& rng, std::int64_t seq) {
  events::event e{{seq, 1'763'782'500'123'456'789 + seq, "", 0, ""},
                  test::filled_payload(type, rng)};
  if (rng() % 2) e.env.key = "key-" + std::to_string(seq) + "\"q\"";
  if (rng() % 2) e.env.cause = seq - 1;
  if (rng() % 2) e.env.corr = "trade-" + std::to_string(seq % 7);
  return e;
}

}  // namespace

TEST_CASE("every one of the 52 event types round-trips through JSON") {
  std::mt19937_64 rng(42);
  events::decoder decoder;
  for (std::size_t type = 0; type < events::type_count; ++type) {
    for (int round = 0; round < 20; ++round) {
      const auto original =
          make_event(type, rng, static_cast<std::int64_t>(type * 100 + round + 1));
      std::string line;
      events::encode(original, line);
      CAPTURE(line);
      CHECK(line.find('\n') == std::string::npos);
      events::event decoded;
      REQUIRE(decoder.decode(line, decoded) == "");
      CHECK(decoded == original);
      // Encoding is a function of the event: re-encoding gives the same bytes.
      std::string again;
      events::encode(decoded, again);
      CHECK(again == line);
    }
  }
}

TEST_CASE("an encoded line starts with seq, ts and type so grep and jq find it") {
  events::event e{{7, 99, "", 0, ""},
                  events::order_filled{"abc", "f1", 65, 10275, 65, 0, 12, "stream"}};
  std::string line;
  events::encode(e, line);
  CHECK(line.rfind(R"({"seq":7,"ts":99,"type":"OrderFilled",)", 0) == 0);
  CHECK(line.find(R"("price_paise":10275)") != std::string::npos);

  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  REQUIRE(parser.parse(line).get(doc) == simdjson::SUCCESS);
  CHECK(std::string_view(doc["type"]) == "OrderFilled");
}

TEST_CASE("optional envelope fields are omitted when empty and kept when set") {
  std::string line;
  events::encode({{1, 2, "", 0, ""}, events::trading_resumed{"operator"}}, line);
  CHECK(line == R"({"seq":1,"ts":2,"type":"TradingResumed","reason":"operator"})");
  line.clear();
  events::encode({{3, 4, "k1", 2, "c9"}, events::trading_resumed{"operator"}}, line);
  CHECK(line == R"({"seq":3,"ts":4,"type":"TradingResumed","key":"k1")"
                R"(,"cause":2,"corr":"c9","reason":"operator"})");
}

TEST_CASE("decoding rejects an unknown type by name") {
  events::decoder d;
  events::event e;
  CHECK(d.decode(R"({"seq":1,"ts":2,"type":"OrderTeleported","order":"x"})", e) ==
        "unknown event type 'OrderTeleported'");
}

TEST_CASE("decoding names the missing field") {
  events::decoder d;
  events::event e;
  CHECK(d.decode(R"({"seq":1,"ts":2,"type":"OrderAccepted","order":"x"})", e) ==
        "OrderAccepted: missing field 'broker_id'");
  CHECK(d.decode(R"({"ts":2,"type":"TradingResumed","reason":"x"})", e) ==
        "missing or non-integer field 'seq'");
}

TEST_CASE("decoding rejects unexpected fields, wrong types and unknown enum values") {
  events::decoder d;
  events::event e;
  CHECK(d.decode(R"({"seq":1,"ts":2,"type":"TradingResumed","reason":"x","extra":1})", e) ==
        "unexpected field 'extra' for TradingResumed");
  CHECK(d.decode(R"({"seq":1,"ts":2,"type":"RiskApproved","order":"x","lots":"1","qty":65})", e) ==
        "RiskApproved: field 'lots' is not an integer");
  CHECK(d.decode(R"({"seq":1,"ts":2,"type":"BrokerBreakerChanged")"
                 R"(,"group":"orders","state":"ajar","failures":1})",
                 e) == "BrokerBreakerChanged: field 'state' has unknown value 'ajar'");
  CHECK(d.decode(R"({"seq":1,"ts":2,"type":"TradingResumed","reason":"x","reason":"y"})", e) ==
        "TradingResumed: field 'reason' appears twice");
  CHECK(d.decode("{\"seq\":1,", e).rfind("invalid JSON", 0) == 0);
  CHECK(d.decode("[1,2]", e) == "not a JSON object");
}

TEST_CASE("the journal's crc field is accepted and ignored by the decoder") {
  events::decoder d;
  events::event e;
  CHECK(d.decode(R"({"seq":1,"ts":2,"type":"TradingResumed","reason":"x","crc":"0011aabb"})", e) ==
        "");
}

TEST_CASE("bytes that are not UTF-8 are replaced so every line stays valid JSON") {
  events::event e{{1, 2, "", 0, ""}, events::error_raised{"feed", "bad\xff\xfe", "tail \xc3"}};
  std::string line;
  events::encode(e, line);
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  REQUIRE(parser.parse(line).get(doc) == simdjson::SUCCESS);
  CHECK(std::string_view(doc["code"]) == "bad\xEF\xBF\xBD\xEF\xBF\xBD");
  CHECK(std::string_view(doc["message"]) == "tail \xEF\xBF\xBD");
}

TEST_CASE("doubles keep their exact value and stay doubles") {
  std::string out;
  base::json_writer w(out);
  w.begin_array().value(3.0).value(0.1).value(-1e-300).value(1.0 / 0.0).end_array();
  CHECK(out == "[3.0,0.1,-1e-300,null]");
}

TEST_CASE("a line written before trigger_paise existed decodes with trigger_paise 0") {
  events::decoder d;
  events::event e;
  REQUIRE(d.decode(R"({"seq":5,"ts":6,"type":"OrderModifyRequested","key":"k","order":"o1",)"
                   R"("step":2,"order_type":"limit","price_paise":10275,"qty":65,)"
                   R"("crc":"0011aabb"})",
                   e) == "");
  CHECK(e == events::event{
                 {5, 6, "k", 0, ""},
                 events::order_modify_requested{"o1", 2, events::order_type::limit, 10275, 65, 0}});
  REQUIRE(d.decode(R"({"seq":7,"ts":8,"type":"OrderModified","order":"o1","order_type":"limit",)"
                   R"("price_paise":10275,"qty":65})",
                   e) == "");
  CHECK(e == events::event{{7, 8, "", 0, ""},
                           events::order_modified{"o1", events::order_type::limit, 10275, 65, 0}});
}

TEST_CASE("a field added later still reads back when present, in order or not") {
  events::decoder d;
  events::event e;
  REQUIRE(d.decode(R"({"seq":1,"ts":2,"type":"OrderModified","order":"o1","order_type":)"
                   R"("stop_market","price_paise":0,"qty":65,"trigger_paise":9100})",
                   e) == "");
  CHECK(std::get<events::order_modified>(e.body).trigger_paise == 9100);
  REQUIRE(d.decode(R"({"seq":1,"ts":2,"type":"OrderModified","trigger_paise":9200,"order":"o1",)"
                   R"("order_type":"stop_market","price_paise":0,"qty":65})",
                   e) == "");
  CHECK(std::get<events::order_modified>(e.body).trigger_paise == 9200);
}

TEST_CASE("only fields added later may be absent") {
  events::decoder d;
  events::event e;
  CHECK(d.decode(R"({"seq":1,"ts":2,"type":"OrderSubmitted","order":"o1","order_type":"limit",)"
                 R"("price_paise":10275,"qty":65,"attempt":1})",
                 e) == "OrderSubmitted: missing field 'trigger_paise'");
}

TEST_CASE("keys in any order decode to the same event as the encoder's order") {
  events::decoder d;
  events::event in_order;
  events::event shuffled;
  REQUIRE(d.decode(R"({"seq":3,"ts":4,"type":"RiskApproved","key":"k1","cause":2,"corr":"c9",)"
                   R"("order":"o1","lots":1,"qty":65})",
                   in_order) == "");
  REQUIRE(d.decode(R"({"qty":65,"corr":"c9","order":"o1","type":"RiskApproved","lots":1,)"
                   R"("cause":2,"ts":4,"key":"k1","seq":3})",
                   shuffled) == "");
  CHECK(shuffled == in_order);
  CHECK(in_order == events::event{{3, 4, "k1", 2, "c9"}, events::risk_approved{"o1", 1, 65}});
}

TEST_CASE("one event decoded into line after line holds exactly what each line says") {
  std::mt19937_64 rng(7);
  events::decoder decoder;
  events::event reused;
  for (int round = 0; round < 2000; ++round) {
    const auto type = static_cast<std::size_t>(rng() % events::type_count);
    const auto original = make_event(type, rng, round + 1);
    std::string line;
    events::encode(original, line);
    CAPTURE(line);
    REQUIRE(decoder.decode(line, reused) == "");
    CHECK(reused == original);
  }
}

TEST_CASE("the size bound of an event is never below its encoding, escapes and all") {
  std::mt19937_64 rng(7);
  for (std::size_t type = 0; type < events::type_count; ++type) {
    for (int round = 0; round < 20; ++round) {
      auto e = make_event(type, rng, static_cast<std::int64_t>(type * 100 + round + 1));
      if (round % 2) e.env.key = std::string(40, '\x01');  // each written as \u0001
      std::string line;
      events::encode(e, line);
      CAPTURE(line);
      CHECK(events::encoded_size_bound(e) >= line.size());
    }
  }
  // The longest escapes: control bytes (six bytes each) and bytes that are not UTF-8 (three).
  events::event e{{1, 2, std::string(1000, '\x02'), 3, std::string(1000, '\xff')},
                  events::error_raised{std::string(500, '"'), std::string(500, '\x1f'),
                                       std::string(500, '\xc3')}};
  std::string line;
  events::encode(e, line);
  CHECK(events::encoded_size_bound(e) >= line.size());
}
