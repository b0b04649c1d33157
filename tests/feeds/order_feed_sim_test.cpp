// The order-update feed against the simulator's matching engine, alone and feeding the daemon's
// order executor: every broker-side change arrives once, and a fill is journaled once, from the
// trade book, whether the stream or the polling timer led to reading it.
#include <doctest/doctest.h>

#include "tests/feeds/order_executor_sim_fixture.hpp"

using namespace strike;
using brokers::order_info;
using brokers::order_state;
using brokers::trade_info;
using test::executor_fixture;
using test::far_below;
using test::order_fixture;
using test::update;
namespace ev = strike::events;

TEST_CASE(
    "Acceptance, fill and cancellation arrive as order updates, the fill with its size, price and "
    "trade id") {
  order_fixture f;
  auto resting = f.run(f.client->place_order(f.request(far_below(f.quote().bid), "rest1")));
  REQUIRE(resting.ok());
  REQUIRE(f.run_until([&] { return f.reached(resting->broker_id, order_state::open); }));
  REQUIRE(f.run(f.client->cancel_order({resting->broker_id, ev::order_type::limit})).ok());
  REQUIRE(f.run_until([&] { return f.reached(resting->broker_id, order_state::cancelled); }));
  auto rest = f.of(resting->broker_id);
  REQUIRE(rest.size() == 2);
  CHECK(rest[0].order.tag == "rest1");
  CHECK(rest[0].order.instrument == f.option);
  CHECK(rest[1].order.cancelled_qty == f.inst().lot_size);
  CHECK_FALSE(rest[1].fill);

  const auto ask = f.quote().ask;
  auto filled = f.run(f.client->place_order(f.request(ask + 100, "fill1")));
  REQUIRE(filled.ok());
  REQUIRE(f.run_until([&] { return f.reached(filled->broker_id, order_state::complete); }));
  const auto ups = f.of(filled->broker_id);
  REQUIRE(ups.size() == 2);
  CHECK(ups[0].order.state == order_state::open);
  REQUIRE(ups[1].fill);
  const auto trades = f.run(f.client->trade_book());
  REQUIRE(trades.ok());
  REQUIRE(trades->size() == 1);
  CHECK(ups[1].fill->fill_id == trades->at(0).fill_id);
  CHECK(ups[1].fill->qty == trades->at(0).qty);
  CHECK(ups[1].fill->price_paise == trades->at(0).price_paise);
  CHECK(ups[1].fill->price_paise == ask);
  CHECK(f.orders->stats().fills == 1);
}

TEST_CASE("A rejection arrives as an order update with its reason") {
  order_fixture f;
  auto r = f.request(f.quote().ask, "bad1");
  r.qty = f.inst().lot_size + 1;  // not a multiple of the lot: the exchange rejects it
  auto placed = f.run(f.client->place_order(r));
  REQUIRE(placed.ok());
  REQUIRE(f.run_until([&] { return f.reached(placed->broker_id, order_state::rejected); }));
  CHECK_FALSE(f.of(placed->broker_id).back().order.reason.empty());
}

TEST_CASE("An order above the freeze quantity is rejected by the exchange, one at it is not") {
  order_fixture f;
  const std::int64_t lot = f.inst().lot_size;
  auto over = f.request(far_below(f.quote().bid), "frz1");
  over.qty = (1800 / lot + 1) * lot;  // NIFTY's freeze quantity is 1,800 units
  auto placed = f.run(f.client->place_order(over));
  REQUIRE(placed.ok());
  REQUIRE(f.run_until([&] { return f.reached(placed->broker_id, order_state::rejected); }));
  CHECK(f.of(placed->broker_id).back().order.reason.find("freeze") != std::string::npos);

  auto within = f.request(far_below(f.quote().bid), "frz2");
  within.qty = 1800 / lot * lot;
  auto rests = f.run(f.client->place_order(within));
  REQUIRE(rests.ok());
  REQUIRE(f.run_until([&] { return f.reached(rests->broker_id, order_state::open); }));
}

TEST_CASE("An order update sent twice is delivered once") {
  order_fixture f;
  f.faults(R"({"update_duplicate_next":10})");
  auto placed = f.run(f.client->place_order(f.request(f.quote().ask + 100, "dup1")));
  REQUIRE(placed.ok());
  REQUIRE(f.run_until([&] {
    return f.reached(placed->broker_id, order_state::complete) && f.orders->stats().duplicates == 2;
  }));
  CHECK(f.of(placed->broker_id).size() == 2);
  CHECK(f.orders->stats().fills == 1);
}

TEST_CASE("Updates missed while the order feed was down are not made up, and the next ones flow") {
  order_fixture f;
  auto placed = f.run(f.client->place_order(f.request(far_below(f.quote().bid), "gap1")));
  REQUIRE(placed.ok());
  REQUIRE(f.run_until([&] { return f.reached(placed->broker_id, order_state::open); }));
  f.faults(R"({"ws_drop_next":1,"ws_feeds":["orders"]})");
  REQUIRE(f.run(f.client->cancel_order({placed->broker_id, ev::order_type::limit})).ok());
  REQUIRE(
      f.run_until([&] { return f.orders->stats().connects == 2 && f.orders->stats().connected; }));
  CHECK_FALSE(f.reached(placed->broker_id, order_state::cancelled));  // lost with the connection
  auto next = f.run(f.client->place_order(f.request(f.quote().ask + 100, "gap2")));
  REQUIRE(next.ok());
  REQUIRE(f.run_until([&] { return f.reached(next->broker_id, order_state::complete); }));
  CHECK(f.of(next->broker_id).back().fill);
}

TEST_CASE("A fill reported by the stream is read from the trade book at once and journaled once") {
  executor_fixture f;
  f.forward = [&](const order_info& o, const std::optional<trade_info>& t) {
    f.executor->apply_update(o, t, "stream");
  };
  f.submit("k-stream");
  f.make_marketable("k-stream");
  REQUIRE(
      f.run_until([&] { return f.state.orders.at("k-stream").filled_qty == f.inst().lot_size; }));
  f.poll();
  const auto fills = f.fills_of("k-stream");
  REQUIRE(fills.size() == 1);
  // The update only prompted the read: the trade book is the one source of fill quantities.
  CHECK(fills[0].source == "poll");
  CHECK(fills[0].qty == f.inst().lot_size);
  const auto trades = f.run(f.client->trade_book());
  REQUIRE(trades.ok());
  CHECK(fills[0].fill_id == trades->back().fill_id);
  CHECK(fills[0].price_paise == trades->back().price_paise);
  CHECK(f.state.orders.at("k-stream").status == core::order_status::filled);
}

TEST_CASE("A fill that comes by poll and then by stream, twice, is journaled once, from the poll") {
  executor_fixture f;
  std::vector<update> held;
  f.forward = [&](const order_info& o, const std::optional<trade_info>& t) {
    held.push_back({o, t});
  };
  f.submit("k-poll");
  f.make_marketable("k-poll");
  REQUIRE(f.run_until([&] { return !held.empty() && held.back().fill.has_value(); }));
  f.poll();
  REQUIRE(f.fills_of("k-poll").size() == 1);
  for (int twice = 0; twice < 2; ++twice)
    for (const auto& u : held) f.executor->apply_update(u.order, u.fill, "stream");
  const auto fills = f.fills_of("k-poll");
  REQUIRE(fills.size() == 1);
  CHECK(fills[0].source == "poll");
  CHECK(f.state.orders.at("k-poll").filled_qty == f.inst().lot_size);
}

TEST_CASE("Order updates the simulator sends twice change the order's state once") {
  executor_fixture f;
  f.faults(R"({"update_duplicate_next":20})");
  f.forward = [&](const order_info& o, const std::optional<trade_info>& t) {
    f.executor->apply_update(o, t, "stream");
  };
  f.submit("k-dup");
  f.make_marketable("k-dup");
  REQUIRE(f.run_until([&] { return f.state.orders.at("k-dup").filled_qty == f.inst().lot_size; }));
  CHECK(f.orders->stats().duplicates >= 2);
  CHECK(f.fills_of("k-dup").size() == 1);
}
