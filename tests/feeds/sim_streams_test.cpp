// The simulator's WebSocket endpoints as the real services define them (protocol fact sheet,
// sections 7 and 8), byte by byte with a plain WebSocket client: who may connect, how refusals
// read, heartbeats, subscription errors, the binary ticks and the order feed's greeting.
#include <doctest/doctest.h>
#include <simdjson.h>

#include "brokers/angelone/smartstream/tick_parser.hpp"
#include "tests/feeds/feed_fixture.hpp"
#include "tests/feeds/raw_ws.hpp"

using namespace strike;
using test::feed_fixture;
using test::raw_ws;

namespace {

struct logged_in : feed_fixture {
  brokers::angelone::session_tokens tokens;
  logged_in() {
    REQUIRE(run(client->ensure_session()).ok());
    tokens = client->angel_session().tokens();
  }
  raw_ws ws() { return raw_ws(sim->ports().https, sim->certificate_pem()); }
  raw_ws::headers stream_headers() const {
    return {{"Authorization", tokens.jwt}, {"x-api-key", test::feed_api_key},
            {"x-client-code", test::feed_client_code}, {"x-feed-token", tokens.feed}};
  }
};

std::string read_text(raw_ws& ws) {
  bool text = false, ok = false;
  auto m = ws.read(text, ok);
  REQUIRE(ok);
  CHECK(text);
  return m;
}

std::string subscribe(int mode, int type, const std::string& token) {
  return R"({"correlationID":"abcde12345","action":1,"params":{"mode":)" + std::to_string(mode) +
         R"(,"tokenList":[{"exchangeType":)" + std::to_string(type) + R"(,"tokens":[")" + token + R"("]}]}})";
}

}  // namespace

TEST_CASE("SmartStream accepts the header form, with Authorization raw, prefixed or absent") {
  logged_in f;
  for (const std::string auth : {"raw", "bearer", "none"}) {
    auto h = f.stream_headers();
    if (auth == "bearer") h[0].second = "Bearer " + f.tokens.jwt;
    if (auth == "none") h.erase(h.begin());
    auto ws = f.ws();
    CHECK(ws.open("/smart-stream", h) == 0);
  }
}

TEST_CASE("SmartStream refuses a wrong client code, API key, feed token or JWT with 401 and the real wording") {
  logged_in f;
  struct bad_case {
    std::size_t header;
    std::string value;
    std::string message;
  };
  for (const auto& c : {bad_case{2, "NOPE0001", "Invalid Header - Invalid Client Code"},
                        bad_case{1, "wrongkey", "Invalid Header - Invalid API Key"},
                        bad_case{3, "not-a-token", "Invalid Header - Invalid Feed Token"},
                        bad_case{0, "not-a-jwt", "Invalid Header - Invalid Auth token"}}) {
    auto h = f.stream_headers();
    h[c.header].second = c.value;
    auto ws = f.ws();
    CHECK(ws.open("/smart-stream", h) == 401);
    CHECK(ws.refusal() == c.message);
  }
}

TEST_CASE("SmartStream refuses the tokens of an ended session") {
  logged_in f;
  REQUIRE(f.admin("POST", "/admin/expire-tokens").status == 200);
  auto ws = f.ws();
  CHECK(ws.open("/smart-stream", f.stream_headers()) == 401);
}

TEST_CASE("A fourth concurrent connection of a client code is refused with 429") {
  logged_in f;
  std::vector<raw_ws> open;
  for (int i = 0; i < 3; ++i) {
    open.push_back(f.ws());
    REQUIRE(open.back().open("/smart-stream", f.stream_headers()) == 0);
  }
  auto fourth = f.ws();
  CHECK(fourth.open("/smart-stream", f.stream_headers()) == 429);
}

TEST_CASE("SmartStream answers text ping with text pong, and reports bad payloads and the subscription limit") {
  logged_in f;
  auto ws = f.ws();
  REQUIRE(ws.open("/smart-stream", f.stream_headers()) == 0);
  ws.send_text("ping");
  CHECK(read_text(ws) == "pong");
  ws.send_text(R"({"correlationID":"zz","action":7})");
  simdjson::dom::parser p;
  auto e = p.parse(read_text(ws));
  CHECK(std::string_view(e["errorCode"]) == "E1001");
  CHECK(std::string_view(e["correlationID"]) == "zz");
  // 1000 (token, mode) pairs at most: the same 600 options in two modes is 1200.
  std::string tokens;
  int n = 0;
  for (const auto& i : f.world.instruments.all()) {
    if (i.is_index || n == 600) continue;
    tokens += (n++ ? "," : "") + ("\"" + i.token + "\"");
  }
  ws.send_text(R"({"action":1,"params":{"mode":1,"tokenList":[{"exchangeType":2,"tokens":[)" + tokens + "]}]}}");
  for (int i = 0; i < 600; ++i) {  // the 600 snapshots
    bool text = true, ok = false;
    (void)ws.read(text, ok);
    REQUIRE(ok);
    CHECK_FALSE(text);
  }
  ws.send_text(R"({"correlationID":"lim","action":1,"params":{"mode":2,"tokenList":[{"exchangeType":2,"tokens":[)" + tokens + "]}]}}");
  auto limit = p.parse(read_text(ws));
  CHECK(std::string_view(limit["errorCode"]) == "E1002");
  CHECK(std::string_view(limit["errorMessage"]) == "Invalid Request. Subscription Limit Exceeded");
}

TEST_CASE("A subscription's first binary frame is the current tick in the requested layout") {
  logged_in f;
  auto ws = f.ws();
  REQUIRE(ws.open("/smart-stream", f.stream_headers()) == 0);
  const std::string option = f.world.option(26000, true);
  ws.send_text(subscribe(3, 2, option.substr(4)));
  bool text = true, ok = false;
  const auto frame = ws.read(text, ok);
  REQUIRE(ok);
  CHECK_FALSE(text);
  REQUIRE(frame.size() == 379);
  brokers::market_tick t;
  REQUIRE(brokers::angelone::smartstream::parse_tick(
              {reinterpret_cast<const std::uint8_t*>(frame.data()), frame.size()}, t) ==
          brokers::angelone::smartstream::tick_error::none);
  test::check_tick(t, f.world.tick(option, f.market.now_ns()), brokers::feed_mode::snap_quote);
}

TEST_CASE("The order feed wants a live Bearer JWT: 401 unknown, 403 expired") {
  logged_in f;
  {
    auto ws = f.ws();
    CHECK(ws.open("/smart-order-update", {{"Authorization", "Bearer nope"}}) == 401);
  }
  {
    auto ws = f.ws();
    REQUIRE(ws.open("/smart-order-update", {{"Authorization", "Bearer " + f.tokens.jwt}}) == 0);
    simdjson::dom::parser p;
    auto greeting = p.parse(read_text(ws));
    CHECK(std::string_view(greeting["order-status"]) == "AB00");
    CHECK(std::string_view(greeting["user-id"]) == test::feed_client_code);
    CHECK(std::string_view(greeting["orderData"]["orderid"]).empty());
    ws.send_text("ping");
    CHECK(read_text(ws) == "pong");
  }
  REQUIRE(f.admin("POST", "/admin/expire-tokens").status == 200);
  auto ws = f.ws();
  CHECK(ws.open("/smart-order-update", {{"Authorization", "Bearer " + f.tokens.jwt}}) == 403);
}

TEST_CASE("The WebSocket fault knobs are set and read through the admin endpoint with the others") {
  feed_fixture f;
  f.faults(R"({"ws_drop_rate":0.1,"ws_stall_next":2,"ws_stall_ms":1500,"tick_duplicate_rate":0.5,"ws_feeds":["market"]})");
  simdjson::dom::parser p;
  auto knobs = p.parse(f.admin("GET", "/admin/faults").body);
  CHECK(double(knobs["ws_drop_rate"]) == doctest::Approx(0.1));
  CHECK(std::int64_t(knobs["ws_stall_next"]) == 2);
  CHECK(std::int64_t(knobs["ws_stall_ms"]) == 1500);
  CHECK(double(knobs["tick_duplicate_rate"]) == doctest::Approx(0.5));
  CHECK(std::string_view(knobs["ws_feeds"].at(0)) == "market");
  CHECK(f.admin("POST", "/admin/faults", R"({"ws_feeds":["everything"]})").status == 400);
  CHECK(f.admin("POST", "/admin/faults", R"({"ws_drop_rate":2})").status == 400);
}
