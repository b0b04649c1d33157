#include <doctest/doctest.h>

#include "sim/instruments.hpp"
#include "sim/json_fields.hpp"
#include "sim/market.hpp"
#include "sim/price_path.hpp"
#include "tests/sim/sim_fixture.hpp"

using namespace strike;
using namespace strike::test;

namespace {

constexpr const char* modify_path = "/rest/secure/angelbroking/order/v1/modifyOrder";
constexpr const char* cancel_path = "/rest/secure/angelbroking/order/v1/cancelOrder";
constexpr const char* book_path = "/rest/secure/angelbroking/order/v1/getOrderBook";
constexpr const char* symbol = "NIFTY13JAN2626000CE";

// The same market the fixture's simulator plays (same seed, start day and opens), to look ahead.
struct replica {
  sim::price_path path{7, {2026, 1, 5}, {26000, 59000, 13}};
  sim::instrument_master instruments{sim::instrument_settings{}, {2026, 1, 5}, 26000, 59000};
  sim::market market{path, instruments, 7};
  const sim::instrument& option() { return *instruments.by_symbol(symbol); }
};

// The token of the test option (tokens are assigned in listing order).
std::string token() {
  static replica r;
  return r.option().token;
}

std::string order_body(const std::string& type, const std::string& side, const std::string& price,
                       const std::string& trigger = "0", const std::string& qty = "65",
                       const std::string& tag = "t1") {
  const bool stop = type.starts_with("STOPLOSS");
  return std::string(R"({"variety":")") + (stop ? "STOPLOSS" : "NORMAL") +
         R"(","tradingsymbol":")" + symbol + R"(","symboltoken":")" + token() +
         R"(","transactiontype":")" + side + R"(","exchange":"NFO","ordertype":")" + type +
         R"(","producttype":"CARRYFORWARD","duration":"DAY","price":")" + price +
         R"(","triggerprice":")" + trigger + R"(","quantity":")" + qty +
         R"(","squareoff":"0","stoploss":"0","ordertag":")" + tag + "\"}";
}

struct order_view {
  std::string status, orderid, uniqueorderid;
  double average = 0;
  std::string filled, unfilled;
};

order_view find_order(sim_fixture& f, sim_client& c, const std::string& orderid) {
  auto doc = f.json(c.api_get(book_path).body);
  for (auto row : doc["data"].get_array()) {
    if (std::string_view(row["orderid"]) != orderid) continue;
    return {std::string(std::string_view(row["status"])),
            orderid,
            std::string(std::string_view(row["uniqueorderid"])),
            double(row["averageprice"]),
            std::string(std::string_view(row["filledshares"])),
            std::string(std::string_view(row["unfilledshares"]))};
  }
  FAIL("order " << orderid << " not in the book");
  return {};
}

std::string place(sim_fixture& f, sim_client& c, const std::string& body) {
  auto r = c.api_post(place_path, body);
  REQUIRE(r.status == 200);
  auto doc = f.json(r.body);
  REQUIRE_MESSAGE(bool(doc["status"]) == true, r.body);
  CHECK(std::string_view(doc["data"]["script"]) == symbol);
  const std::string id{std::string_view(doc["data"]["orderid"])};
  CHECK(id.size() == 15);
  CHECK(std::string_view(doc["data"]["uniqueorderid"]).size() == 36);
  return id;
}

std::string rupees(std::int64_t paise) {
  return sim::rupees_text(paise);
}

}  // namespace

TEST_CASE("sim MARKET buy completes at once at the ask and shows in the trade book and positions") {
  sim_fixture f;
  replica rp;
  auto c = f.api();
  f.login(c);
  const auto q = rp.market.at(rp.option(), f.market.now_ns());
  const auto id = place(f, c, order_body("MARKET", "BUY", "0"));
  auto o = find_order(f, c, id);
  CHECK(o.status == "complete");
  CHECK(o.filled == "65");
  CHECK(o.average == doctest::Approx(q.ask / 100.0));
  auto trades = f.json(c.api_get("/rest/secure/angelbroking/order/v1/getTradeBook").body);
  CHECK(std::string_view(trades["data"].at(0)["orderid"]) == id);
  CHECK(std::string_view(trades["data"].at(0)["fillsize"]) == "65");
  auto pos = f.json(c.api_get("/rest/secure/angelbroking/order/v1/getPosition").body);
  CHECK(std::string_view(pos["data"].at(0)["netqty"]) == "65");
  CHECK(std::string_view(pos["data"].at(0)["tradingsymbol"]) == symbol);
  auto details =
      f.json(c.api_get("/rest/secure/angelbroking/order/v1/details/" + o.uniqueorderid).body);
  CHECK(std::string_view(details["data"]["orderstatus"]) == "complete");
  CHECK(std::string_view(details["data"]["ordertag"]) == "t1");
}

TEST_CASE(
    "sim LIMIT buy below the market rests open and fills at its price when the ask reaches it") {
  sim_fixture f;
  replica rp;
  auto c = f.api();
  f.login(c);
  const auto t0 = f.market.now_ns();
  // Look ahead for the lowest ask in the next two hours; that is a price the order will meet.
  std::int64_t best = INT64_MAX, when = 0;
  for (auto t = t0 + core::ns_per_s; t < t0 + 2 * 3600 * core::ns_per_s; t += core::ns_per_s) {
    const auto ask = rp.market.at(rp.option(), t).ask;
    if (ask < best) best = ask, when = t;
  }
  REQUIRE(best < rp.market.at(rp.option(), t0).ask);
  const auto id = place(f, c, order_body("LIMIT", "BUY", rupees(best)));
  CHECK(find_order(f, c, id).status == "open");
  f.market.advance_to(when - core::ns_per_s);
  CHECK(find_order(f, c, id).status == "open");
  f.market.advance_to(when + 1);
  auto o = find_order(f, c, id);
  CHECK(o.status == "complete");
  CHECK(o.average == doctest::Approx(best / 100.0));
}

TEST_CASE(
    "sim STOPLOSS_MARKET sell waits in trigger pending and fills once the LTP falls to the "
    "trigger") {
  sim_fixture f;
  replica rp;
  auto c = f.api();
  f.login(c);
  place(f, c, order_body("MARKET", "BUY", "0"));
  const auto t0 = f.market.now_ns();
  std::int64_t low = INT64_MAX, when = 0;
  for (auto t = t0 + core::ns_per_s; t < t0 + 2 * 3600 * core::ns_per_s; t += core::ns_per_s) {
    const auto ltp = rp.market.at(rp.option(), t).ltp;
    if (ltp < low) low = ltp, when = t;
  }
  const auto id = place(f, c, order_body("STOPLOSS_MARKET", "SELL", "0", rupees(low)));
  CHECK(find_order(f, c, id).status == "trigger pending");
  f.market.advance_to(when + 1);
  auto o = find_order(f, c, id);
  CHECK(o.status == "complete");
  CHECK(o.average <= low / 100.0);
  auto pos = f.json(c.api_get("/rest/secure/angelbroking/order/v1/getPosition").body);
  CHECK(std::string_view(pos["data"].at(0)["netqty"]) == "0");
}

TEST_CASE("sim STOPLOSS_LIMIT buy triggers, then fills as a marketable limit") {
  sim_fixture f;
  replica rp;
  auto c = f.api();
  f.login(c);
  const auto t0 = f.market.now_ns();
  std::int64_t high = 0, when = 0;
  for (auto t = t0 + core::ns_per_s; t < t0 + 2 * 3600 * core::ns_per_s; t += core::ns_per_s) {
    const auto ltp = rp.market.at(rp.option(), t).ltp;
    if (ltp > high) high = ltp, when = t;
  }
  const auto limit = high + 2000;  // Rs 20 above the trigger: marketable once triggered
  const auto id = place(f, c, order_body("STOPLOSS_LIMIT", "BUY", rupees(limit), rupees(high)));
  CHECK(find_order(f, c, id).status == "trigger pending");
  f.market.advance_to(when + 1);
  auto o = find_order(f, c, id);
  CHECK(o.status == "complete");
  CHECK(o.average <= limit / 100.0);
}

TEST_CASE(
    "sim modifyOrder moves a resting limit into the market and it completes, and cancelOrder "
    "cancels") {
  sim_fixture f;
  replica rp;
  auto c = f.api();
  f.login(c);
  const auto id = place(f, c, order_body("LIMIT", "BUY", "1.00"));
  CHECK(find_order(f, c, id).status == "open");
  const auto ask = rp.market.at(rp.option(), f.market.now_ns()).ask;
  auto m = f.json(
      c.api_post(
           modify_path,
           R"({"variety":"NORMAL","orderid":")" + id +
               R"(","ordertype":"LIMIT","producttype":"CARRYFORWARD","duration":"DAY","price":")" +
               rupees(ask + 500) + R"(","quantity":"65","tradingsymbol":")" + symbol +
               R"(","symboltoken":")" + token() + R"(","exchange":"NFO"})")
          .body);
  CHECK(bool(m["status"]) == true);
  CHECK(std::string_view(m["data"]["orderid"]) == id);
  CHECK(find_order(f, c, id).status == "complete");

  const auto id2 = place(f, c, order_body("LIMIT", "BUY", "1.00", "0", "130", "t2"));
  auto x = f.json(c.api_post(cancel_path, R"({"variety":"NORMAL","orderid":")" + id2 + "\"}").body);
  CHECK(bool(x["status"]) == true);
  auto o = find_order(f, c, id2);
  CHECK(o.status == "cancelled");
  auto again =
      f.json(c.api_post(cancel_path, R"({"variety":"NORMAL","orderid":")" + id2 + "\"}").body);
  CHECK(bool(again["status"]) == false);
}

TEST_CASE("sim rejects an ordertag of 20 characters with AB4008 and a broken lot in the book") {
  sim_fixture f;
  auto c = f.api();
  f.login(c);
  auto r = f.json(
      c.api_post(place_path, order_body("MARKET", "BUY", "0", "0", "65", "abcdefghijklmnopqrst"))
          .body);
  CHECK(bool(r["status"]) == false);
  CHECK(std::string_view(r["errorcode"]) == "AB4008");
  const auto id = place(f, c, order_body("MARKET", "BUY", "0", "0", "64"));
  CHECK(find_order(f, c, id).status == "rejected");
}

TEST_CASE("sim accepts numbers as JSON numbers as well as strings") {
  sim_fixture f;
  auto c = f.api();
  f.login(c);
  const std::string body =
      std::string(R"({"variety":"NORMAL","tradingsymbol":")") + symbol + R"(","symboltoken":)" +
      token() +
      R"(,"transactiontype":"BUY","exchange":"NFO","ordertype":"LIMIT")"
      R"(,"producttype":"CARRYFORWARD","duration":"DAY","price":1.5,"quantity":65})";
  const auto id = place(f, c, body);
  CHECK(find_order(f, c, id).status == "open");
}

TEST_CASE("sim partial-fill fault fills part of an order now and the rest later") {
  sim_fixture f;
  auto c = f.api();
  f.login(c);
  auto admin = f.admin();
  CHECK(admin
            .request("POST", "/admin/faults",
                     R"({"partial_fill_ratio":0.5,"partial_fill_rest_s":120})", {})
            .status == 200);
  const auto id = place(f, c, order_body("MARKET", "BUY", "0", "0", "260"));
  auto o = find_order(f, c, id);
  CHECK(o.status == "open");
  CHECK(o.filled == "130");
  CHECK(o.unfilled == "130");
  f.market.advance_by(121 * core::ns_per_s);
  o = find_order(f, c, id);
  CHECK(o.status == "complete");
  CHECK(o.filled == "260");
}

TEST_CASE("sim rejection fault rejects an accepted order in the book") {
  sim_fixture f;
  auto c = f.api();
  f.login(c);
  f.admin().request("POST", "/admin/faults", R"({"reject_next":1})", {});
  const auto id = place(f, c, order_body("MARKET", "BUY", "0"));
  CHECK(find_order(f, c, id).status == "rejected");
  const auto id2 = place(f, c, order_body("MARKET", "BUY", "0"));
  CHECK(find_order(f, c, id2).status == "complete");
}
