// Retries, rate limits, circuit breakers and duplicate-free order placement under injected
// faults, against the simulator.
#include <doctest/doctest.h>

#include "brokers/broker_error.hpp"
#include "tests/brokers/sim_harness.hpp"
#include "tests/support/units.hpp"

using namespace strike;
using namespace strike::test;
using events::breaker_state;
using events::failure_kind;

namespace {

using strike::test::units::ms;

brokers::order_request market_buy(sim_harness& h, const std::string& tag) {
  auto index = h.run(h.client->instruments());
  REQUIRE(index.ok());
  const auto* option =
      (*index)->find_option("NIFTY", {2026, 1, 13}, 2'600'000, brokers::option_right::call);
  REQUIRE(option != nullptr);
  brokers::order_request r;
  r.instrument = option->id();
  r.symbol = option->symbol;
  r.type = events::order_type::market;
  r.qty = option->lot_size;
  r.tag = tag;
  return r;
}

std::vector<events::broker_request_failed> failures_of(sim_harness& h,
                                                       const std::string& endpoint) {
  std::vector<events::broker_request_failed> out;
  for (auto& f : h.events_of<events::broker_request_failed>())
    if (f.endpoint == endpoint) out.push_back(f);
  return out;
}

}  // namespace

TEST_CASE("5xx replies are retried with exponential backoff and jitter until one succeeds") {
  sim_harness h;
  REQUIRE(h.run(h.client->ensure_session()).ok());
  h.faults(R"({"error_next":2,"endpoints":["getPosition"]})");
  const auto before = h.time.waited_ns();
  auto positions = h.run(h.client->positions());
  REQUIRE_MESSAGE(positions.ok(), (positions.ok() ? "" : positions.error().message));
  auto failed = failures_of(h, "getPosition");
  REQUIRE(failed.size() == 2);
  CHECK(failed[0].kind == failure_kind::server);
  CHECK(failed[0].http_status == 500);
  CHECK(failed[0].attempt == 1);
  CHECK(failed[1].attempt == 2);
  // 750 ms then 1.5 s, each within ±20 %.
  CHECK(failed[0].retry_in_ns >= 600 * ms);
  CHECK(failed[0].retry_in_ns <= 900 * ms);
  CHECK(failed[1].retry_in_ns >= 1200 * ms);
  CHECK(failed[1].retry_in_ns <= 1800 * ms);
  CHECK(h.time.waited_ns() - before >= failed[0].retry_in_ns + failed[1].retry_in_ns);
  CHECK(h.request_outcomes("getPosition") ==
        std::vector<std::string>{"fault:server_error", "fault:server_error", "ok"});
}

TEST_CASE("Retries stop after the last attempt and the error is typed") {
  sim_harness h;
  REQUIRE(h.run(h.client->ensure_session()).ok());
  h.faults(R"({"error_next":10,"endpoints":["getRMS"]})");
  auto funds = h.run(h.client->funds());
  REQUIRE_FALSE(funds.ok());
  CHECK(brokers::failure_of(funds.error()) == failure_kind::server);
  CHECK(funds.error().message.rfind("getRMS: server:", 0) == 0);
  auto failed = failures_of(h, "getRMS");
  REQUIRE(failed.size() == 4);
  CHECK(failed.back().retry_in_ns == 0);
}

TEST_CASE("A rate-limit reply is retried after at least a second") {
  sim_harness h;
  REQUIRE(h.run(h.client->ensure_session()).ok());
  h.faults(R"({"rate_limit_next":1,"endpoints":["getOrderBook"]})");
  auto book = h.run(h.client->order_book());
  REQUIRE(book.ok());
  auto failed = failures_of(h, "getOrderBook");
  REQUIRE(failed.size() == 1);
  CHECK(failed[0].kind == failure_kind::rate_limit);
  CHECK(failed[0].http_status == 403);
  CHECK(failed[0].retry_in_ns >= 1000 * ms);
}

TEST_CASE("The client paces itself within the simulator's enforced limits") {
  sim_harness h;
  REQUIRE(h.run(h.client->ensure_session()).ok());
  const auto start = h.real.now_ns();
  for (int i = 0; i < 4; ++i) REQUIRE(h.run(h.client->order_book()).ok());
  // One order book per second: the four calls spanned at least three seconds and the
  // simulator refused none of them.
  CHECK(h.real.now_ns() - start >= 3000 * ms);
  CHECK(h.request_outcomes("getOrderBook") == std::vector<std::string>(4, "ok"));
  CHECK(failures_of(h, "getOrderBook").empty());
}

TEST_CASE(
    "The circuit breaker opens after consecutive failures, fails fast, then closes after a probe") {
  harness_options o;
  o.breaker_threshold = 3;
  sim_harness h(o);
  REQUIRE(h.run(h.client->ensure_session()).ok());
  h.faults(R"({"error_next":3,"endpoints":["getPosition"]})");
  auto first = h.run(h.client->positions());
  REQUIRE_FALSE(first.ok());
  auto changes = h.events_of<events::broker_breaker_changed>();
  REQUIRE(changes.size() == 1);
  CHECK(changes[0].group == "books");
  CHECK(changes[0].state == breaker_state::open);
  CHECK(changes[0].failures == 3);
  CHECK(h.request_outcomes("getPosition").size() == 3);

  // Open: the next call fails at once without reaching the simulator.
  auto fast = h.run(h.client->funds());
  REQUIRE_FALSE(fast.ok());
  CHECK(fast.error().message.find("circuit breaker 'books' is open") != std::string::npos);
  CHECK(h.request_outcomes("getRMS").empty());
  // Other groups are not affected.
  CHECK(h.run(h.client->profile()).ok());

  // After the cool-down one probe goes; it succeeds and the breaker closes.
  h.real.advance_by(31LL * core::ns_per_s);
  auto probe = h.run(h.client->positions());
  REQUIRE(probe.ok());
  changes = h.events_of<events::broker_breaker_changed>();
  REQUIRE(changes.size() == 3);
  CHECK(changes[1].state == breaker_state::half_open);
  CHECK(changes[2].state == breaker_state::closed);
  CHECK(h.run(h.client->funds()).ok());
}

TEST_CASE("A failed probe opens the breaker again") {
  harness_options o;
  o.breaker_threshold = 2;
  sim_harness h(o);
  REQUIRE(h.run(h.client->ensure_session()).ok());
  h.faults(R"({"error_next":3,"endpoints":["getPosition"]})");
  REQUIRE_FALSE(h.run(h.client->positions()).ok());
  h.real.advance_by(31LL * core::ns_per_s);
  REQUIRE_FALSE(h.run(h.client->positions()).ok());
  auto changes = h.events_of<events::broker_breaker_changed>();
  REQUIRE(changes.size() == 3);
  CHECK(changes[1].state == breaker_state::half_open);
  CHECK(changes[2].state == breaker_state::open);
}

TEST_CASE("A timeout during placeOrder is resolved by looking the tag up, without a second order") {
  harness_options o;
  o.request_timeout_ms = 300;
  sim_harness h(o);
  auto order = market_buy(h, "timeout-1");
  REQUIRE(h.run(h.client->ensure_session()).ok());
  // The simulator takes the order but answers late; once the client reports the timeout the
  // latency goes, so the lookup gets its answer.
  h.faults(R"({"latency_ms":1500})");
  h.on_event = [&](const events::payload& p) {
    if (auto* f = std::get_if<events::broker_request_failed>(&p); f && f->endpoint == "placeOrder")
      h.faults(R"({"latency_ms":0})");
  };
  auto ack = h.run(h.client->place_order(order));
  REQUIRE_MESSAGE(ack.ok(), (ack.ok() ? "" : ack.error().message));
  CHECK(ack->recovered);
  CHECK(ack->attempts == 1);
  auto failed = failures_of(h, "placeOrder");
  REQUIRE(failed.size() == 1);
  CHECK(failed[0].kind == failure_kind::timeout);
  CHECK(h.orders_tagged("timeout-1") == 1);
  CHECK(h.request_outcomes("placeOrder").size() == 1);
}

TEST_CASE("A connection dropped after the order was accepted does not double the order") {
  sim_harness h;
  auto order = market_buy(h, "drop-1");
  h.faults(R"({"drop_after_accept_next":1})");
  auto ack = h.run(h.client->place_order(order));
  REQUIRE(ack.ok());
  CHECK(ack->recovered);
  CHECK(failures_of(h, "placeOrder")[0].kind == failure_kind::network);
  CHECK(h.orders_tagged("drop-1") == 1);
}

TEST_CASE("An empty 200 reply to placeOrder is resolved by lookup") {
  sim_harness h;
  auto order = market_buy(h, "empty-1");
  h.faults(R"({"empty_order_reply_next":1})");
  auto ack = h.run(h.client->place_order(order));
  REQUIRE(ack.ok());
  CHECK(ack->recovered);
  CHECK(failures_of(h, "placeOrder")[0].kind == failure_kind::bad_response);
  CHECK(h.orders_tagged("empty-1") == 1);
}

TEST_CASE("A 5xx on placeOrder is sent again only after the lookup proves the order absent") {
  sim_harness h;
  auto order = market_buy(h, "fivexx-1");
  h.faults(R"({"error_next":1,"endpoints":["placeOrder"]})");
  auto ack = h.run(h.client->place_order(order));
  REQUIRE(ack.ok());
  CHECK_FALSE(ack->recovered);
  CHECK(ack->attempts == 2);
  CHECK(h.orders_tagged("fivexx-1") == 1);
  // Order: the failed send, the lookup, the second send.
  CHECK(h.request_outcomes("placeOrder") == std::vector<std::string>{"fault:server_error", "ok"});
  CHECK(h.request_outcomes("getOrderBook").size() == 1);
}

TEST_CASE("A connection dropped before processing leads to one resend after the lookup") {
  sim_harness h;
  auto order = market_buy(h, "dropped-1");
  h.faults(R"({"drop_next":1,"endpoints":["placeOrder"]})");
  auto ack = h.run(h.client->place_order(order));
  REQUIRE(ack.ok());
  CHECK(ack->attempts == 2);
  CHECK(h.orders_tagged("dropped-1") == 1);
}

TEST_CASE("When the lookup cannot be done the outcome is unknown and nothing is resent") {
  sim_harness h;
  auto order = market_buy(h, "unknown-1");
  REQUIRE(h.run(h.client->ensure_session()).ok());
  h.faults(R"({"error_next":20,"endpoints":["placeOrder","getOrderBook"]})");
  auto ack = h.run(h.client->place_order(order));
  REQUIRE_FALSE(ack.ok());
  CHECK(brokers::outcome_unknown(ack.error()));
  CHECK(ack.error().message.find("outcome unknown") != std::string::npos);
  CHECK(h.request_outcomes("placeOrder").size() == 1);
}

TEST_CASE("Under repeated injected faults no order is ever duplicated") {
  sim_harness h;
  auto order = market_buy(h, "");
  REQUIRE(h.run(h.client->ensure_session()).ok());
  const char* faults[] = {R"({"drop_after_accept_next":1})", R"({"empty_order_reply_next":1})",
                          R"({"error_next":1,"endpoints":["placeOrder"]})",
                          R"({"drop_next":1,"endpoints":["placeOrder"]})",
                          R"({"rate_limit_next":1})"};
  int n = 0;
  for (const char* f : faults) {
    h.faults(f);
    order.tag = "dup-" + std::to_string(n++);
    auto ack = h.run(h.client->place_order(order));
    REQUIRE_MESSAGE(ack.ok(), (ack.ok() ? "" : ack.error().message));
    CHECK_MESSAGE(h.orders_tagged(order.tag) == 1, f);
    h.faults(R"({"endpoints":[]})");
  }
}

TEST_CASE(
    "Places whose replies were lost but which the lookup found are no failures of the order path") {
  sim_harness h;
  auto order = market_buy(h, "");
  REQUIRE(h.run(h.client->ensure_session()).ok());
  // Ten places in a row accepted but unanswered: more than the breaker's threshold of five.
  h.faults(R"({"drop_after_accept_next":5,"empty_order_reply_next":5})");
  for (int i = 0; i < 10; ++i) {
    order.tag = "lost-" + std::to_string(i);
    auto ack = h.run(h.client->place_order(order));
    REQUIRE_MESSAGE(ack.ok(), (ack.ok() ? "" : ack.error().message));
    CHECK(ack->recovered);
    CHECK(h.orders_tagged(order.tag) == 1);
  }
  for (const auto& c : h.events_of<events::broker_breaker_changed>()) CHECK(c.group != "orders");
}
