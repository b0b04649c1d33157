#include <doctest/doctest.h>

#include "tests/sim/sim_fixture.hpp"

using namespace strike;
using namespace strike::test;

namespace {

std::string market_order(const std::string& tag) {
  return R"({"variety":"NORMAL","tradingsymbol":"NIFTY13JAN2626000CE","symboltoken":"40123")"
         R"(,"transactiontype":"BUY","exchange":"NFO","ordertype":"MARKET")"
         R"(,"producttype":"CARRYFORWARD","duration":"DAY","price":"0","quantity":"65")"
         R"(,"ordertag":")" +
         tag + "\"}";
}

int orders_tagged(sim_fixture& f, const std::string& tag) {
  auto doc = f.json(f.admin().request("GET", "/admin/orders", "", {}).body);
  int n = 0;
  for (auto o : doc.get_array())
    if (std::string_view(o["order"]["ordertag"]) == tag) ++n;
  return n;
}

}  // namespace

TEST_CASE("sim empty-reply fault accepts the order and answers 200 with an empty body") {
  sim_fixture f;
  auto c = f.api();
  f.login(c);
  f.admin().request("POST", "/admin/faults", R"({"empty_order_reply_next":1})", {});
  auto r = c.api_post(place_path, market_order("empty-1"));
  CHECK(r.status == 200);
  CHECK(r.body.empty());
  CHECK(orders_tagged(f, "empty-1") == 1);
  auto again = c.api_post(place_path, market_order("empty-2"));
  CHECK(bool(f.json(again.body)["status"]) == true);
}

TEST_CASE("sim drop-after-accept fault closes the connection unanswered and keeps the order") {
  sim_fixture f;
  auto c = f.api();
  f.login(c);
  f.admin().request("POST", "/admin/faults", R"({"drop_after_accept_next":1})", {});
  auto r = c.api_post(place_path, market_order("drop-1"));
  CHECK(r.closed_without_reply());
  CHECK(orders_tagged(f, "drop-1") == 1);
}

TEST_CASE("sim request faults: 500, 403 and a dropped request never reach the order book") {
  sim_fixture f;
  auto c = f.api();
  f.login(c);
  auto admin = f.admin();
  admin.request("POST", "/admin/faults", R"({"error_next":1,"endpoints":["placeOrder"]})", {});
  auto r = c.api_post(place_path, market_order("e1"));
  CHECK(r.status == 500);
  admin.request("POST", "/admin/faults", R"({"rate_limit_next":1})", {});
  r = c.api_post(place_path, market_order("e1"));
  CHECK(r.status == 403);
  CHECK(r.body == "Access denied because of exceeding access rate");
  admin.request("POST", "/admin/faults", R"({"drop_next":1})", {});
  CHECK(c.api_post(place_path, market_order("e1")).closed_without_reply());
  CHECK(orders_tagged(f, "e1") == 0);
  CHECK(bool(f.json(c.api_post(place_path, market_order("e1")).body)["status"]) == true);
  CHECK(orders_tagged(f, "e1") == 1);
}

TEST_CASE("sim admin faults endpoint rejects unknown knobs") {
  sim_fixture f;
  auto r = f.admin().request("POST", "/admin/faults", R"({"explode":true})", {});
  CHECK(r.status == 400);
  CHECK(r.body.find("explode") != std::string::npos);
}

TEST_CASE("sim admin request log masks PIN, TOTP, tokens and keeps only header names") {
  sim_fixture f;
  auto c = f.api();
  const std::string totp = f.totp_now();
  auto login = f.json(
      c.api_post("/rest/auth/angelbroking/user/v1/loginByPassword", f.login_body(totp)).body);
  const std::string refresh{std::string_view(login["data"]["refreshToken"])};
  c.jwt = std::string(std::string_view(login["data"]["jwtToken"]));
  c.api_post("/rest/auth/angelbroking/jwt/v1/generateTokens",
             R"({"refreshToken":")" + refresh + "\"}");
  c.api_post(place_path, market_order("dup"));
  c.api_post(place_path, market_order("dup"));
  auto raw = f.admin().request("GET", "/admin/requests", "", {});
  REQUIRE(raw.status == 200);
  for (const std::string& secret :
       {std::string(test_pin) + "\"", totp, refresh, c.jwt, std::string(test_api_key) + "\""})
    CHECK_MESSAGE(raw.body.find(secret) == std::string::npos, secret);
  auto doc = f.json(raw.body);
  auto first = doc["requests"].at(0);
  CHECK(std::string_view(first["path"]) == "/rest/auth/angelbroking/user/v1/loginByPassword");
  CHECK(std::string_view(first["method"]) == "POST");
  auto body = f.json(std::string(std::string_view(first["body"])));
  CHECK(std::string_view(body["password"]) == "***");
  CHECK(std::string_view(body["totp"]) == "***");
  CHECK(std::string_view(body["clientcode"]) == test_client);
  bool has_key_header = false;
  for (auto h : first["header_names"]) has_key_header |= std::string_view(h) == "X-PrivateKey";
  CHECK(has_key_header);
  // Both orders with the same tag are reported: a duplicate is visible.
  CHECK(orders_tagged(f, "dup") == 2);
}

TEST_CASE("sim admin VIX scenario moves India VIX from now on") {
  sim_fixture f;
  auto c = f.api();
  f.login(c);
  auto ltp = [&] {
    auto d = f.json(
        c.api_post("/rest/secure/angelbroking/order/v1/getLtpData",
                   R"({"exchange":"NSE","tradingsymbol":"India VIX","symboltoken":"99926017"})")
            .body);
    return double(d["data"]["ltp"]);
  };
  const double before = ltp();
  CHECK(f.admin()
            .request("POST", "/admin/scenario",
                     R"({"symbol":"INDIAVIX","change_pct":50,"ramp_s":60})", {})
            .status == 200);
  f.market.advance_by(60 * core::ns_per_s);
  CHECK(ltp() > before * 1.3);
}
