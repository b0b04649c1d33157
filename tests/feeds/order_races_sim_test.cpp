// Order-path races driven at the simulator on purpose (its fault knobs), with the executor's
// journal checked against the simulator's own books.
#include <doctest/doctest.h>

#include "tests/feeds/order_executor_sim_fixture.hpp"

using namespace strike;
using test::executor_fixture;
namespace ev = strike::events;

namespace {

std::int64_t journaled_qty(executor_fixture& f, const std::string& key) {
  std::int64_t n = 0;
  for (const auto& fill : f.fills_of(key)) n += fill.qty;
  return n;
}

}  // namespace

TEST_CASE("two fills reported in one order update are journaled once each, never past the order's quantity") {
  executor_fixture f;
  f.faults(R"({"coalesce_fills_next":1})");
  f.forward = [&](const brokers::order_info& o, const std::optional<brokers::trade_info>& t) {
    f.executor->apply_update(o, t, "stream");
  };
  f.submit("k-two", 2);
  f.make_marketable("k-two");
  const std::int64_t qty = 2 * f.inst().lot_size;
  REQUIRE(f.run_until([&] { return f.state.orders.at("k-two").filled_qty == qty; }));
  // The update named the second trade with the quantity of both; a poll then sees both trades.
  f.poll();
  f.poll();
  const auto fills = f.fills_of("k-two");
  const auto trades = f.run(f.client->trade_book());
  REQUIRE(trades.ok());
  CHECK(trades->size() == 2);
  REQUIRE(fills.size() == 2);
  CHECK(journaled_qty(f, "k-two") == qty);
  std::int64_t value = 0, traded = 0;
  for (const auto& t : *trades) traded += t.qty * t.price_paise;
  for (const auto& fill : fills) value += fill.qty * fill.price_paise;
  CHECK(value == traded);  // the journal's cost is the broker's, to the paisa
  CHECK(f.state.orders.at("k-two").filled_value_paise == traded);
}

TEST_CASE("a cancel that loses to a fill leaves the order filled, the fill counted once") {
  executor_fixture f;
  f.faults(R"({"fill_on_cancel_next":1})");
  f.submit("k-late");
  f.publish(ev::order_cancel_requested{"k-late", "end_of_day"}, {.corr = "k-late"});
  REQUIRE(f.run_until([&] { return f.state.orders.at("k-late").status == core::order_status::filled; }));
  CHECK(journaled_qty(f, "k-late") == f.inst().lot_size);
  const auto at_sim = f.sim_orders();
  REQUIRE(at_sim.size() == 1);
  CHECK(at_sim[0].filled == f.inst().lot_size);
}

TEST_CASE("a second order under our tag, sent because the lagging book hid the first, is found and cancelled") {
  executor_fixture f;
  // The first send is accepted but its reply lost; the client looks for the tag a second later,
  // the book still hides it, so the order goes again.
  f.faults(R"({"drop_after_accept_next":1,"order_book_lag_ms":3000,"endpoints":["placeOrder"]})");
  f.submit("k-dup2");
  REQUIRE(f.sim_orders().size() == 2);
  const std::string first = f.state.orders.at("k-dup2").broker_id;
  f.faults(R"({"order_book_lag_ms":0})");
  f.real.advance_by(4 * core::ns_per_s);
  f.poll();
  std::string dup_key;
  REQUIRE(f.run_until([&] {
    for (const auto& [key, o] : f.state.orders)
      if (key.rfind("k-dup2~", 0) == 0) dup_key = key;
    return !dup_key.empty() && f.state.orders.at(dup_key).status == core::order_status::cancelled;
  }));
  std::size_t open = 0, cancelled = 0;
  for (const auto& o : f.sim_orders()) {
    CHECK(o.tag == "k-dup2");
    open += o.status == "open";
    cancelled += o.status == "cancelled";
  }
  CHECK(open == 1);
  CHECK(cancelled == 1);
  // The one the journal knew keeps working; the duplicate is an order of its own, cancelled.
  CHECK(f.state.orders.at("k-dup2").broker_id == first);
  CHECK(f.state.orders.at("k-dup2").status == core::order_status::accepted);
  CHECK(f.state.orders.at(dup_key).cancel_reason == "duplicate");
  CHECK(f.state.keys.contains("duplicate:" + f.state.orders.at(dup_key).broker_id));
}
