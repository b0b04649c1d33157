// The fault knobs that drive order-path races on demand, each against a real simulator over
// TLS: what the books, the replies and the order-update feed show.
#include <doctest/doctest.h>

#include <atomic>
#include <chrono>
#include <thread>

#include "tests/sim/order_calls.hpp"
#include "tests/sim/order_feed_reader.hpp"

using namespace strike;
using namespace strike::test;

TEST_CASE("sim reject_sell_next rejects the next sell at once while buys go through") {
  sim_fixture f;
  auto c = f.api();
  f.login(c);
  set_faults(f, R"({"reject_sell_next":1})");
  const auto buy = place_accepted(f, c, {.side = "BUY", .lots = 2, .tag = "buy"});
  const auto sell = place_accepted(f, c, {.side = "SELL", .tag = "exit1"});
  const auto again = place_accepted(f, c, {.side = "SELL", .tag = "exit2"});
  CHECK(text_of((*book_row(f, c, buy))["status"]) == "complete");
  auto rejected = *book_row(f, c, sell);
  CHECK(text_of(rejected["status"]) == "rejected");
  CHECK(text_of(rejected["text"]).find("fault injection") != std::string::npos);
  CHECK(trade_rows(f, c, sell).empty());
  CHECK(text_of((*book_row(f, c, again))["status"]) == "complete");
}

TEST_CASE("sim reject_sell_rate 1 rejects every sell and no buy") {
  sim_fixture f;
  auto c = f.api();
  f.login(c);
  set_faults(f, R"({"reject_sell_rate":1})");
  for (int i = 0; i < 3; ++i) {
    const auto buy = place_accepted(f, c, {.side = "BUY", .tag = "b"});
    const auto sell = place_accepted(f, c, {.side = "SELL", .tag = "s"});
    CHECK(text_of((*book_row(f, c, buy))["status"]) == "complete");
    CHECK(text_of((*book_row(f, c, sell))["status"]) == "rejected");
  }
}

TEST_CASE(
    "sim fill_on_cancel_next fills a resting order at its limit just before the cancel, "
    "which then fails as for a complete order") {
  sim_fixture f;
  auto c = f.api();
  f.login(c);
  order_feed_reader feed(f.sim->ports().https, f.sim->certificate_pem(), c.jwt);
  REQUIRE(feed.connected());
  const auto done = place_accepted(f, c, {.tag = "done"});
  const auto resting =
      place_accepted(f, c, {.type = "LIMIT", .price = "0.05", .lots = 2, .tag = "rest"});
  REQUIRE(text_of((*book_row(f, c, resting))["status"]) == "open");
  set_faults(f, R"({"fill_on_cancel_next":1})");

  // A cancel of an order already complete does not use the knob up.
  CHECK(text_of(f.json(cancel_order(c, done).body)["errorcode"]) == "AB1013");
  auto refused = f.json(cancel_order(c, resting).body);
  CHECK(bool(refused["status"]) == false);
  CHECK(text_of(refused["message"]) == "Order cannot be cancelled: it is complete");
  CHECK(text_of(refused["errorcode"]) == "AB1013");

  auto row = *book_row(f, c, resting);
  CHECK(text_of(row["status"]) == "complete");
  CHECK(quantity_of(row["filledshares"]) == 2 * option_lot);
  CHECK(quantity_of(row["cancelsize"]) == 0);
  const auto trades = trade_rows(f, c, resting);
  REQUIRE(trades.size() == 1);
  CHECK(quantity_of(trades[0]["fillsize"]) == 2 * option_lot);
  CHECK(paise_of(trades[0]["fillprice"]) == 5);

  // The knob is used up: the next cancel of a resting order goes through.
  const auto other = place_accepted(f, c, {.type = "LIMIT", .price = "0.05", .tag = "other"});
  CHECK(bool(f.json(cancel_order(c, other).body)["status"]) == true);
  REQUIRE(feed.read_until([&] { return feed.of(other).size() == 2; }));
  const auto updates = feed.of(resting);
  REQUIRE(updates.size() == 2);
  CHECK(text_of(updates[0]["order-status"]) == "AB01");
  CHECK(text_of(updates[1]["order-status"]) == "AB05");
  CHECK(text_of(updates[1]["orderData"]["fillid"]) == text_of(trades[0]["fillid"]));
  CHECK(quantity_of(updates[1]["orderData"]["filledshares"]) == 2 * option_lot);
  CHECK(text_of(feed.of(other)[1]["order-status"]) == "AB02");
}

TEST_CASE("sim fill_on_cancel_next fills the rest of a partly filled order at the touch") {
  sim_fixture f;
  auto c = f.api();
  f.login(c);
  set_faults(f, R"({"partial_fill_ratio":0.5,"partial_fill_rest_s":600,"fill_on_cancel_next":1})");
  const auto id = place_accepted(f, c, {.lots = 2, .tag = "part"});
  REQUIRE(quantity_of((*book_row(f, c, id))["filledshares"]) == option_lot);
  CHECK(text_of(f.json(cancel_order(c, id).body)["message"]) ==
        "Order cannot be cancelled: it is complete");
  const auto trades = trade_rows(f, c, id);
  REQUIRE(trades.size() == 2);
  CHECK(quantity_of(trades[1]["fillsize"]) == option_lot);
  // The market has not moved: the rest fills at the same ask as the first part.
  CHECK(paise_of(trades[1]["fillprice"]) == paise_of(trades[0]["fillprice"]));
  CHECK(text_of((*book_row(f, c, id))["status"]) == "complete");
}

TEST_CASE(
    "sim coalesce_fills_next fills an order as two trades and sends one order update for both") {
  sim_fixture f;
  auto c = f.api();
  f.login(c);
  order_feed_reader feed(f.sim->ports().https, f.sim->certificate_pem(), c.jwt);
  REQUIRE(feed.connected());
  set_faults(f, R"({"coalesce_fills_next":1})");
  // One lot cannot be split: it fills whole and leaves the knob for the next order.
  const auto single = place_accepted(f, c, {.tag = "one"});
  const auto id = place_accepted(f, c, {.lots = 2, .tag = "two"});
  const auto after = place_accepted(f, c, {.lots = 2, .tag = "after"});
  CHECK(trade_rows(f, c, single).size() == 1);
  CHECK(trade_rows(f, c, after).size() == 1);

  const auto trades = trade_rows(f, c, id);
  REQUIRE(trades.size() == 2);
  CHECK(text_of(trades[0]["fillid"]) != text_of(trades[1]["fillid"]));
  CHECK(quantity_of(trades[0]["fillsize"]) == option_lot);
  CHECK(quantity_of(trades[1]["fillsize"]) == option_lot);
  // The second resting order sat one tick behind the first.
  CHECK(paise_of(trades[1]["fillprice"]) == paise_of(trades[0]["fillprice"]) + 5);
  auto row = *book_row(f, c, id);
  CHECK(text_of(row["status"]) == "complete");
  CHECK(text_of(row["fillid"]) == text_of(trades[1]["fillid"]));

  // The feed is in order: once the later order's fill is in, nothing more comes for this one.
  REQUIRE(feed.read_until([&] { return feed.of(after).size() == 2; }));
  const auto updates = feed.of(id);
  REQUIRE(updates.size() == 2);
  CHECK(text_of(updates[0]["order-status"]) == "AB01");
  CHECK(text_of(updates[1]["order-status"]) == "AB05");
  CHECK(quantity_of(updates[1]["orderData"]["filledshares"]) == 2 * option_lot);
  CHECK(text_of(updates[1]["orderData"]["fillid"]) == text_of(trades[1]["fillid"]));
  CHECK(text_of(updates[1]["orderData"]["filltime"]) == text_of(trades[1]["filltime"]));
}

TEST_CASE(
    "sim order_book_lag_ms keeps a new order out of the order book, trade book and details "
    "for that many real milliseconds while it lives") {
  sim_fixture f;
  auto c = f.api();
  f.login(c);
  const auto before = place_accepted(f, c, {.tag = "before"});
  set_faults(f, R"({"order_book_lag_ms":2000})");
  const auto id = place_accepted(f, c, {.tag = "lagged"});
  const auto resting = place_accepted(f, c, {.type = "LIMIT", .price = "0.05", .tag = "resting"});
  const auto details = [&](const std::string& orderid) {
    return f.json(c.api_get("/rest/secure/angelbroking/order/v1/details/" + orderid).body);
  };
  const auto shown = [&](const std::string& orderid) {
    return book_row(f, c, orderid).has_value();
  };

  CHECK(shown(before));
  CHECK_FALSE(shown(id));
  CHECK(trade_rows(f, c, id).empty());
  CHECK(text_of(details(id)["errorcode"]) == "AB1013");
  // The exchange has it all the same: filled, and the resting one can be cancelled.
  CHECK(text_of((*admin_order(f, id))["status"]) == "complete");
  CHECK(admin_trades(f, id).size() == 1);
  CHECK(bool(f.json(cancel_order(c, resting).body)["status"]) == true);

  f.real.advance_by(1999 * core::ns_per_ms);
  CHECK_FALSE(shown(id));
  CHECK_FALSE(shown(resting));
  f.real.advance_by(1 * core::ns_per_ms);
  REQUIRE(shown(id));
  CHECK(text_of((*book_row(f, c, id))["status"]) == "complete");
  CHECK(text_of((*book_row(f, c, resting))["status"]) == "cancelled");
  CHECK(trade_rows(f, c, id).size() == 1);
  CHECK(text_of(details(id)["data"]["orderid"]) == id);
}

TEST_CASE(
    "sim hold_place_reply_next holds the placeOrder reply on a timer while the order lives "
    "and other connections are served") {
  using clock = std::chrono::steady_clock;
  constexpr auto hold = std::chrono::milliseconds(1500);
  sim_fixture f;
  auto placer = f.api();
  f.login(placer);
  auto watcher = f.api();
  watcher.jwt = placer.jwt;
  set_faults(f, R"({"hold_place_reply_ms":1500,"hold_place_reply_next":1})");

  std::atomic<bool> answered{false};
  http_reply reply;
  clock::duration took{};
  std::thread place_thread([&] {
    const auto start = clock::now();
    reply = place_order(placer, {.tag = "held"});
    took = clock::now() - start;
    answered = true;
  });
  // While the reply is held, another connection finds the order live and filled.
  std::string seen_id, seen_status;
  bool seen_while_held = false;
  for (const auto deadline = clock::now() + std::chrono::seconds(10); clock::now() < deadline;) {
    auto book = f.json(watcher.api_get("/rest/secure/angelbroking/order/v1/getOrderBook").body);
    if (book["data"].is_null()) continue;
    for (auto row : book["data"].get_array()) {
      if (text_of(row["ordertag"]) != "held") continue;
      seen_id = text_of(row["orderid"]);
      seen_status = text_of(row["status"]);
    }
    if (!seen_id.empty()) {
      seen_while_held = !answered;
      break;
    }
  }
  place_thread.join();
  CHECK(seen_while_held);
  CHECK(seen_status == "complete");
  REQUIRE(reply.status == 200);
  CHECK(text_of(f.json(reply.body)["data"]["orderid"]) == seen_id);
  CHECK(took >= hold);
  CHECK(took < hold + std::chrono::seconds(10));

  auto log = f.json(f.admin().request("GET", "/admin/requests", "", {}).body);
  std::vector<std::string> outcomes;
  for (auto r : log["requests"].get_array())
    if (text_of(r["endpoint"]) == "placeOrder") outcomes.push_back(text_of(r["outcome"]));
  CHECK(outcomes == std::vector<std::string>{"fault:held_reply"});

  // The knob is used up: the next reply is not held.
  const auto start = clock::now();
  place_accepted(f, placer, {.tag = "prompt"});
  CHECK(clock::now() - start < hold);
}

TEST_CASE("sim admin faults reads and writes the order-race knobs and refuses wrong values") {
  sim_fixture f;
  auto admin = f.admin();
  const std::string knobs =
      R"({"coalesce_fills_next":2,"order_book_lag_ms":250,"hold_place_reply_ms":900,)"
      R"("hold_place_reply_next":3,"reject_sell_next":4,"reject_sell_rate":0.25,)"
      R"("fill_on_cancel_next":5})";
  auto set = admin.request("POST", "/admin/faults", knobs, {});
  REQUIRE(set.status == 200);
  auto got = f.json(admin.request("GET", "/admin/faults", "", {}).body);
  CHECK(int64_t(got["coalesce_fills_next"]) == 2);
  CHECK(int64_t(got["order_book_lag_ms"]) == 250);
  CHECK(int64_t(got["hold_place_reply_ms"]) == 900);
  CHECK(int64_t(got["hold_place_reply_next"]) == 3);
  CHECK(int64_t(got["reject_sell_next"]) == 4);
  CHECK(double(got["reject_sell_rate"]) == doctest::Approx(0.25));
  CHECK(int64_t(got["fill_on_cancel_next"]) == 5);

  for (const std::string bad :
       {R"({"coalesce_fills_next":"1"})", R"({"fill_on_cancel_next":-1})",
        R"({"reject_sell_rate":1.5})", R"({"reject_sell_next":true})",
        R"({"order_book_lag_ms":3600001})", R"({"hold_place_reply_ms":0.5})",
        R"({"hold_place_reply_nxt":1})"}) {
    auto r = admin.request("POST", "/admin/faults", bad, {});
    CHECK_MESSAGE(r.status == 400, bad);
    const auto key = bad.substr(2, bad.find('"', 2) - 2);
    CHECK_MESSAGE(r.body.find(key) != std::string::npos, r.body);
  }
  // A refused body changes nothing, not even its valid keys.
  CHECK(admin.request("POST", "/admin/faults", R"({"fill_on_cancel_next":9,"explode":1})", {})
            .status == 400);
  CHECK(int64_t(f.json(
            admin.request("GET", "/admin/faults", "", {}).body)["fill_on_cancel_next"]) == 5);
}

TEST_CASE(
    "sim trigger_on_cancel_next fills a resting stop at its trigger just before the cancel, "
    "which then fails as for a complete order") {
  sim_fixture f;
  auto c = f.api();
  f.login(c);
  place_accepted(f, c, {.lots = 2, .tag = "long"});
  // A sell stop far below the market: it rests as trigger pending.
  const auto stop = place_accepted(
      f, c, {.side = "SELL", .type = "STOPLOSS_MARKET", .trigger = "0.05", .lots = 2, .tag = "sl"});
  REQUIRE(text_of((*book_row(f, c, stop))["status"]) == "trigger pending");
  const auto resting = place_accepted(f, c, {.type = "LIMIT", .price = "0.05", .tag = "rest"});
  set_faults(f, R"({"trigger_on_cancel_next":1})");
  // A cancel of an open (not trigger-pending) order leaves the knob alone.
  CHECK(bool(f.json(cancel_order(c, resting).body)["status"]) == true);
  auto refused = f.json(cancel_order(c, stop).body);
  CHECK(bool(refused["status"]) == false);
  CHECK(text_of(refused["errorcode"]) == "AB1013");
  auto row = *book_row(f, c, stop);
  CHECK(text_of(row["status"]) == "complete");
  CHECK(quantity_of(row["filledshares"]) == 2 * option_lot);
  const auto trades = trade_rows(f, c, stop);
  REQUIRE(trades.size() == 1);
  CHECK(paise_of(trades[0]["fillprice"]) == 5);
  auto pos = f.json(c.api_get("/rest/secure/angelbroking/order/v1/getPosition").body);
  CHECK(std::string_view(pos["data"].at(0)["netqty"]) == "0");
  // Used up: the next stop's cancel goes through.
  const auto next = place_accepted(
      f, c, {.side = "SELL", .type = "STOPLOSS_MARKET", .trigger = "0.05", .tag = "sl2"});
  CHECK(bool(f.json(cancel_order(c, next).body)["status"]) == true);
}

TEST_CASE(
    "sim rest_sell_limits_next holds a sell limit at any price, modified or not, until it is "
    "made MARKET") {
  sim_fixture f;
  auto c = f.api();
  f.login(c);
  place_accepted(f, c, {.lots = 2, .tag = "long"});
  set_faults(f, R"({"rest_sell_limits_next":1})");
  // Far below the bid: marketable, and yet it rests.
  const auto exit = place_accepted(f, c, {.side = "SELL", .type = "LIMIT", .price = "0.05"});
  f.market.advance_to(f.market.now_ns() + 60 * core::ns_per_s);
  CHECK(text_of((*book_row(f, c, exit))["status"]) == "open");
  const auto modify = [&](const std::string& type) {
    auto spec = order_spec{.side = "SELL", .type = type, .price = type == "LIMIT" ? "0.10" : "0"};
    auto body = order_json(spec);
    body.insert(1, R"("orderid":")" + exit + "\",");
    return f.json(c.api_post("/rest/secure/angelbroking/order/v1/modifyOrder", body).body);
  };
  CHECK(bool(modify("LIMIT")["status"]) == true);
  f.market.advance_to(f.market.now_ns() + 60 * core::ns_per_s);
  CHECK(text_of((*book_row(f, c, exit))["status"]) == "open");
  CHECK(bool(modify("MARKET")["status"]) == true);
  CHECK(text_of((*book_row(f, c, exit))["status"]) == "complete");
  // Used up: the next sell limit fills as the rules say.
  const auto next = place_accepted(f, c, {.side = "SELL", .type = "LIMIT", .price = "0.05"});
  CHECK(text_of((*book_row(f, c, next))["status"]) == "complete");
}
