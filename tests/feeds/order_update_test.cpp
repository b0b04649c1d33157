// Order-update messages: the parser on what the simulator sends and on the documented forms,
// and the fill tracker that turns consecutive updates into fills, once each.
#include <doctest/doctest.h>
#include <simdjson.h>

#include <string>

#include "brokers/angelone/order_feed/fill_tracker.hpp"
#include "brokers/angelone/order_feed/order_update_parser.hpp"
#include "core/ist.hpp"
#include "sim/instruments.hpp"
#include "sim/stream_hub.hpp"

using namespace strike;
using brokers::order_state;
using brokers::trade_info;
using brokers::angelone::fill_tracker;
using brokers::angelone::order_update;
using brokers::angelone::parse_order_update;

namespace {

const std::int64_t t0 = core::ist_time_ns({2026, 1, 5}, 10 * 60);

struct sim_order {
  sim::instrument inst;
  sim::order o;
  sim_order() {
    inst.token = "40012";
    inst.symbol = "NIFTY13JAN2626000CE";
    inst.exch_seg = "NFO";
    inst.instrumenttype = "OPTIDX";
    inst.is_index = false;
    inst.call = true;
    inst.lot_size = 65;
    inst.strike_paise = 2'600'000;
    inst.expiry = "13JAN2026";
    o.orderid = "260105000000042";
    o.uniqueorderid = "8c0f2a4e-0000-4000-8000-000000000042";
    o.client_code = "T3000001";
    o.inst = &inst;
    o.req.exchange = "NFO";
    o.req.tradingsymbol = inst.symbol;
    o.req.symboltoken = inst.token;
    o.req.kind = sim::order_kind::limit;
    o.req.price = 10'250;
    o.req.quantity = 195;
    o.req.ordertag = "abc123";
    o.status = sim::order_status::open;
    o.placed_ns = o.updated_ns = o.exchange_ns = t0;
  }
  void fill(std::int64_t qty, std::int64_t price, std::string id, std::int64_t t) {
    o.filled += qty;
    o.filled_value += qty * price;
    o.last_fill_id = std::move(id);
    o.last_fill_ns = t;
    o.updated_ns = t;
    if (o.remaining() == 0) o.status = sim::order_status::complete;
  }
  order_update parsed() {
    simdjson::dom::parser p;
    auto u = parse_order_update(p, sim::order_update_json(o));
    REQUIRE_MESSAGE(u.ok(), (u.ok() ? "" : u.error().message));
    return *u;
  }
};

}  // namespace

TEST_CASE("The simulator's order update reads as the order it describes") {
  sim_order s;
  s.fill(65, 10'240, "17", t0 + 3 * core::ns_per_s);
  const auto u = s.parsed();
  CHECK(u.status_code == "AB01");
  CHECK(u.client_code == "T3000001");
  REQUIRE(u.has_order);
  CHECK(u.order.broker_id == "260105000000042");
  CHECK(u.order.unique_id == "8c0f2a4e-0000-4000-8000-000000000042");
  CHECK(u.order.instrument == "NFO:40012");
  CHECK(u.order.tag == "abc123");
  CHECK(u.order.state == order_state::open);
  CHECK(u.order.qty == 195);
  CHECK(u.order.filled_qty == 65);
  CHECK(u.order.pending_qty == 130);
  CHECK(u.order.price_paise == 10'250);
  CHECK(u.order.avg_price_paise == 10'240);
  CHECK(u.order.updated_ns == t0 + 3 * core::ns_per_s);
  CHECK(u.fill_id == "17");
  CHECK(u.fill_ns == t0 + 3 * core::ns_per_s);
}

TEST_CASE("The connect greeting carries no order") {
  simdjson::dom::parser p;
  auto u = parse_order_update(p, sim::order_update_greeting("T3000001"));
  REQUIRE(u.ok());
  CHECK(u->status_code == "AB00");
  CHECK_FALSE(u->has_order);
}

TEST_CASE("The status code decides the state when the status words are missing or unknown") {
  simdjson::dom::parser p;
  auto u = parse_order_update(
      p, R"({"user-id":"X","status-code":"200","order-status":"AB03","error-message":"",
    "orderData":{"orderid":"1","quantity":"65","filledshares":"0","text":"RMS: margin exceeds"}})");
  REQUIRE(u.ok());
  CHECK(u->order.state == order_state::rejected);
  CHECK(u->order.reason == "RMS: margin exceeds");
  u = parse_order_update(
      p, R"({"order-status":"AB10","orderData":{"orderid":"2","status":"some new words"}})");
  REQUIRE(u.ok());
  CHECK(u->order.state == order_state::trigger_pending);
}

TEST_CASE("Messages that are not order updates are errors, not guesses") {
  simdjson::dom::parser p;
  for (
      const char* bad :
      {"", "pong", "[1,2]", "{\"orderData\":{\"orderid\":\"1\"}}",
       R"({"order-status":"AB05","orderData":{"orderid":"","quantity":"65"},"x":)",
       R"({"order-status":"AB05","orderData":{"orderid":"1","quantity":"abc"}})",
       R"({"order-status":"AB05","orderData":{"orderid":"1","quantity":"65","filledshares":"130"}})",
       R"({"order-status":"AB05","orderData":{"quantity":"65"},"more":1})"}) {
    auto u = parse_order_update(p, bad);
    // The last one has no orderid: a status without an order, which is not an error.
    if (std::string_view(bad).find("\"more\"") != std::string_view::npos) {
      REQUIRE(u.ok());
      CHECK_FALSE(u->has_order);
    } else {
      CHECK_FALSE(u.ok());
    }
  }
}

TEST_CASE("Consecutive updates of an order give each fill's size and price") {
  sim_order s;
  fill_tracker tracker;
  std::optional<trade_info> fill;
  CHECK(tracker.on_update(s.parsed(), fill) == fill_tracker::verdict::fresh);
  CHECK_FALSE(fill);
  s.fill(65, 10'240, "1", t0 + core::ns_per_s);
  CHECK(tracker.on_update(s.parsed(), fill) == fill_tracker::verdict::fresh);
  REQUIRE(fill);
  CHECK(fill->broker_id == "260105000000042");
  CHECK(fill->fill_id == "1");
  CHECK(fill->qty == 65);
  CHECK(fill->price_paise == 10'240);
  CHECK(fill->exchange == "NFO");
  CHECK(fill->fill_ns == t0 + core::ns_per_s);
  // The average after the second fill is rounded; the fill's price is still on the tick.
  // (Rs 102.40 + Rs 102.55) / 2 goes out as Rs 102.48, which alone would imply Rs 102.56.
  s.fill(65, 10'255, "2", t0 + 2 * core::ns_per_s);
  CHECK(tracker.on_update(s.parsed(), fill) == fill_tracker::verdict::fresh);
  REQUIRE(fill);
  CHECK(fill->fill_id == "2");
  CHECK(fill->qty == 65);
  CHECK(fill->price_paise == 10'255);
}

TEST_CASE("The same update twice is a repeat and yields its fill once") {
  sim_order s;
  fill_tracker tracker;
  std::optional<trade_info> fill;
  (void)tracker.on_update(s.parsed(), fill);
  s.fill(195, 10'240, "9", t0 + core::ns_per_s);
  const auto u = s.parsed();
  CHECK(tracker.on_update(u, fill) == fill_tracker::verdict::fresh);
  CHECK(fill);
  CHECK(tracker.on_update(u, fill) == fill_tracker::verdict::repeat);
  CHECK_FALSE(fill);
}

TEST_CASE("After a reconnect the first update of a working order is a baseline, not a fill") {
  sim_order s;
  fill_tracker tracker;
  std::optional<trade_info> fill;
  (void)tracker.on_update(s.parsed(), fill);
  tracker.reset();
  // Two fills happened while disconnected; the update names only the last one.
  s.fill(65, 10'240, "1", t0 + core::ns_per_s);
  s.fill(65, 10'250, "2", t0 + 2 * core::ns_per_s);
  CHECK(tracker.on_update(s.parsed(), fill) == fill_tracker::verdict::fresh);
  CHECK_FALSE(fill);
  s.fill(65, 10'260, "3", t0 + 3 * core::ns_per_s);
  CHECK(tracker.on_update(s.parsed(), fill) == fill_tracker::verdict::fresh);
  REQUIRE(fill);
  CHECK(fill->fill_id == "3");
  CHECK(fill->qty == 65);
  CHECK(fill->price_paise == 10'260);
}

TEST_CASE("An order first seen already filled yields no fill from that update") {
  sim_order s;
  s.fill(195, 10'240, "4", t0 + core::ns_per_s);
  fill_tracker tracker;
  std::optional<trade_info> fill;
  CHECK(tracker.on_update(s.parsed(), fill) == fill_tracker::verdict::fresh);
  CHECK_FALSE(fill);
}

TEST_CASE("The tracker forgets the least recently updated order beyond its bound") {
  fill_tracker tracker({}, 2);
  std::optional<trade_info> fill;
  for (const char* id : {"a", "b", "c"}) {
    order_update u;
    u.has_order = true;
    u.status_code = "AB01";
    u.order.broker_id = id;
    (void)tracker.on_update(u, fill);
  }
  CHECK(tracker.tracked() == 2);
}

TEST_CASE("Times outside 1970-2261 and huge prices read without overflow (found by fuzzing)") {
  simdjson::dom::parser p;
  auto u = parse_order_update(
      p, R"({"order-status":"AB05","orderData":{"orderid":"1","quantity":"9000000000",
    "filledshares":"9000000000","averageprice":90000000000000.5,"updatetime":"05-Jan-9999 10:00:00",
    "exchtime":"05-Jan-0000 10:00:00","fillid":"7","filltime":"05-Jan-7000 10:00:00"}})");
  REQUIRE(u.ok());
  CHECK(u->order.updated_ns == 0);
  CHECK(u->fill_ns == 0);
  fill_tracker tracker;
  std::optional<trade_info> fill;
  order_update first = *u;
  first.order.filled_qty = 1;
  first.fill_id = "6";
  (void)tracker.on_update(first, fill);
  CHECK(tracker.on_update(*u, fill) == fill_tracker::verdict::fresh);
  REQUIRE(fill);
  CHECK(fill->qty == 8'999'999'999);
}
