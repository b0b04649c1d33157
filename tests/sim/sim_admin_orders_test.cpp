// The admin order actions: an order filled or cancelled behind its client's back, as the books
// and the order-update feed then show it.
#include <doctest/doctest.h>

#include "tests/sim/order_calls.hpp"
#include "tests/sim/order_feed_reader.hpp"

using namespace strike;
using namespace strike::test;

namespace {

http_reply admin_action(sim_fixture& f, const std::string& action, const std::string& orderid) {
  return f.admin().request("POST", "/admin/orders/" + action, R"({"orderid":")" + orderid + "\"}",
                           {});
}

}  // namespace

TEST_CASE(
    "sim admin fill fills the rest of a resting order and admin cancel cancels another, both "
    "in the books and on the order feed") {
  sim_fixture f;
  auto c = f.api();
  f.login(c);
  order_feed_reader feed(f.sim->ports().https, f.sim->certificate_pem(), c.jwt);
  REQUIRE(feed.connected());
  const auto filled =
      place_accepted(f, c, {.type = "LIMIT", .price = "0.05", .lots = 2, .tag = "fill-me"});
  const auto cancelled =
      place_accepted(f, c, {.type = "LIMIT", .price = "0.05", .tag = "cancel-me"});
  REQUIRE(text_of((*book_row(f, c, filled))["status"]) == "open");

  REQUIRE(admin_action(f, "fill", filled).status == 200);
  auto row = *book_row(f, c, filled);
  CHECK(text_of(row["status"]) == "complete");
  CHECK(quantity_of(row["filledshares"]) == 2 * option_lot);
  const auto trades = trade_rows(f, c, filled);
  REQUIRE(trades.size() == 1);
  CHECK(paise_of(trades[0]["fillprice"]) == 5);  // it had rested: at its own limit

  REQUIRE(admin_action(f, "cancel", cancelled).status == 200);
  CHECK(text_of((*book_row(f, c, cancelled))["status"]) == "cancelled");
  CHECK(trade_rows(f, c, cancelled).empty());

  REQUIRE(feed.read_until(
      [&] { return feed.of(filled).size() == 2 && feed.of(cancelled).size() == 2; }));
  CHECK(text_of(feed.of(filled)[1]["order-status"]) == "AB05");
  CHECK(text_of(feed.of(cancelled)[1]["order-status"]) == "AB02");
}

TEST_CASE("sim admin order actions refuse unknown orders and orders no longer working") {
  sim_fixture f;
  auto c = f.api();
  f.login(c);
  const auto done = place_accepted(f, c, {.tag = "done"});
  CHECK(admin_action(f, "fill", "999").status == 404);
  CHECK(admin_action(f, "fill", done).status == 409);
  CHECK(admin_action(f, "cancel", done).status == 409);
  // By the unique id too.
  const auto resting = place_accepted(f, c, {.type = "LIMIT", .price = "0.05", .tag = "rest"});
  const auto unique = text_of((*book_row(f, c, resting))["uniqueorderid"]);
  CHECK(admin_action(f, "cancel", unique).status == 200);
  CHECK(text_of((*book_row(f, c, resting))["status"]) == "cancelled");
}
