#include <doctest/doctest.h>

#include "tests/sim/sim_fixture.hpp"

using namespace strike;
using namespace strike::test;

namespace {
constexpr const char* login_path = "/rest/auth/angelbroking/user/v1/loginByPassword";
constexpr const char* profile_path = "/rest/secure/angelbroking/user/v1/getProfile";
constexpr const char* refresh_path = "/rest/auth/angelbroking/jwt/v1/generateTokens";
}  // namespace

TEST_CASE("sim login with the right TOTP returns JWT-shaped jwt, refresh and feed tokens") {
  sim_fixture f;
  auto c = f.api();
  auto r = c.api_post(login_path, f.login_body(f.totp_now()));
  REQUIRE(r.status == 200);
  auto doc = f.json(r.body);
  CHECK(bool(doc["status"]) == true);
  CHECK(std::string_view(doc["message"]) == "SUCCESS");
  CHECK(std::string_view(doc["errorcode"]) == "");
  for (const char* k : {"jwtToken", "refreshToken", "feedToken"}) {
    const std::string_view token = doc["data"][k];
    CHECK(std::count(token.begin(), token.end(), '.') == 2);
  }
  c.jwt = std::string(std::string_view(doc["data"]["jwtToken"]));
  auto p = f.json(c.api_get(profile_path).body);
  CHECK(std::string_view(p["data"]["clientcode"]) == test_client);
}

TEST_CASE("sim login accepts the TOTP of the previous step and rejects a wrong one with AB1050") {
  sim_fixture f;
  auto c = f.api();
  const auto previous = *sim::totp_code(test_totp_secret, f.real.now_ns() / core::ns_per_s - 30);
  CHECK(bool(f.json(c.api_post(login_path, f.login_body(previous)).body)["status"]) == true);
  f.real.advance_by(2 * core::ns_per_s);
  std::string wrong = f.totp_now();
  wrong[0] = wrong[0] == '9' ? '0' : static_cast<char>(wrong[0] + 1);
  auto doc = f.json(c.api_post(login_path, f.login_body(wrong)).body);
  CHECK(bool(doc["status"]) == false);
  CHECK(std::string_view(doc["errorcode"]) == "AB1050");
  CHECK(doc["data"].is_null());
}

TEST_CASE("sim login with a wrong PIN fails with AB1007") {
  sim_fixture f;
  auto c = f.api();
  auto doc =
      f.json(c.api_post(login_path, R"({"clientcode":"T1000001","password":"0000","totp":")" +
                                        f.totp_now() + "\"}")
                 .body);
  CHECK(std::string_view(doc["errorcode"]) == "AB1007");
}

TEST_CASE("sim answers an unknown API key and a lower-case user type like the gateway") {
  sim_fixture f;
  auto c = f.api();
  c.api_key = "nope";
  auto doc = f.json(c.api_post(login_path, f.login_body(f.totp_now())).body);
  CHECK(bool(doc["success"]) == false);
  CHECK(std::string_view(doc["errorCode"]) == "AG8004");
  auto r = c.request("POST", login_path, f.login_body(f.totp_now()),
                     {{"X-PrivateKey", test_api_key},
                      {"X-UserType", "user"},
                      {"Content-Type", "application/json"}});
  CHECK(r.status == 400);
  CHECK(std::string_view(f.json(r.body)["errorcode"]) == "AB1005");
}

TEST_CASE("sim secure calls without a valid token get AG8001 in the success/errorCode envelope") {
  sim_fixture f;
  auto c = f.api();
  c.jwt = "not-a-token";
  auto r = c.api_get(profile_path);
  CHECK(r.status == 200);
  auto doc = f.json(r.body);
  CHECK(bool(doc["success"]) == false);
  CHECK(std::string_view(doc["errorCode"]) == "AG8001");
  CHECK(std::string_view(doc["message"]) == "Invalid Token");
}

TEST_CASE("sim sessions expire at midnight IST and the refresh token then fails too") {
  sim_fixture f;
  auto c = f.api();
  f.login(c);
  auto login = f.json(c.api_post(login_path, f.login_body(f.totp_now())).body);
  const std::string refresh{std::string_view(login["data"]["refreshToken"])};
  CHECK(bool(f.json(c.api_get(profile_path).body)["status"]) == true);
  f.market.advance_to(ist("2026-01-05T23:59:59+05:30"));
  CHECK(bool(f.json(c.api_get(profile_path).body)["status"]) == true);
  f.market.advance_to(ist("2026-01-06T00:00:00+05:30"));
  CHECK(std::string_view(f.json(c.api_get(profile_path).body)["errorCode"]) == "AG8001");
  auto r = f.json(c.api_post(refresh_path, R"({"refreshToken":")" + refresh + "\"}").body);
  CHECK(std::string_view(r["errorcode"]) == "AB8051");
}

TEST_CASE("sim generateTokens replaces all three tokens and the new jwt works") {
  sim_fixture f;
  auto c = f.api();
  auto login = f.json(c.api_post(login_path, f.login_body(f.totp_now())).body);
  c.jwt = std::string(std::string_view(login["data"]["jwtToken"]));
  const std::string refresh{std::string_view(login["data"]["refreshToken"])};
  auto r = f.json(c.api_post(refresh_path, R"({"refreshToken":")" + refresh + "\"}").body);
  REQUIRE(bool(r["status"]) == true);
  const std::string new_jwt{std::string_view(r["data"]["jwtToken"])};
  CHECK(new_jwt != c.jwt);
  CHECK(std::string_view(r["data"]["refreshToken"]) != refresh);
  c.jwt = new_jwt;
  CHECK(bool(f.json(c.api_get(profile_path).body)["status"]) == true);
  CHECK(std::string_view(
            f.json(c.api_post(refresh_path, R"({"refreshToken":"bogus"})").body)["errorcode"]) ==
        "AB8050");
}

TEST_CASE("sim expire-tokens knob ends every session at once") {
  sim_fixture f;
  auto c = f.api();
  f.login(c);
  auto admin = f.admin();
  auto r = admin.request("POST", "/admin/expire-tokens", "", {});
  CHECK(r.status == 200);
  CHECK(int64_t(f.json(r.body)["expired"]) == 1);
  CHECK(std::string_view(f.json(c.api_get(profile_path).body)["errorCode"]) == "AG8001");
  f.login(c);  // a fresh login works again
  CHECK(bool(f.json(c.api_get(profile_path).body)["status"]) == true);
}

TEST_CASE("sim logout ends the session") {
  sim_fixture f;
  auto c = f.api();
  f.login(c);
  auto r = f.json(
      c.api_post("/rest/secure/angelbroking/user/v1/logout", R"({"clientcode":"T1000001"})").body);
  CHECK(bool(r["status"]) == true);
  CHECK(std::string_view(f.json(c.api_get(profile_path).body)["errorCode"]) == "AG8001");
}

TEST_CASE("sim rate limit answers 403 with the plain-text body and frees up in the next second") {
  sim_fixture f(sim_options{.rate_limits = true});
  auto c = f.api();
  f.login(c);
  CHECK(c.api_get("/rest/secure/angelbroking/order/v1/getOrderBook").status == 200);
  auto r = c.api_get("/rest/secure/angelbroking/order/v1/getOrderBook");
  CHECK(r.status == 403);
  CHECK(r.body == "Access denied because of exceeding access rate");
  CHECK(r.content_type.starts_with("text/plain"));
  f.real.advance_by(core::ns_per_s);
  CHECK(c.api_get("/rest/secure/angelbroking/order/v1/getOrderBook").status == 200);
}

TEST_CASE("sim counts placeOrder, modifyOrder and cancelOrder together against 9 per second") {
  sim_fixture f(sim_options{.rate_limits = true});
  auto c = f.api();
  f.login(c);
  const std::string order =
      R"({"variety":"NORMAL","tradingsymbol":"NIFTY13JAN2626000CE","symboltoken":"40123","transactiontype":"BUY","exchange":"NFO","ordertype":"LIMIT","producttype":"CARRYFORWARD","duration":"DAY","price":"1.00","quantity":"65"})";
  std::string id;
  for (int i = 0; i < 5; ++i) {
    auto r = f.json(c.api_post("/rest/secure/angelbroking/order/v1/placeOrder", order).body);
    id = std::string(std::string_view(r["data"]["orderid"]));
  }
  for (int i = 0; i < 3; ++i)
    CHECK(c.api_post("/rest/secure/angelbroking/order/v1/modifyOrder",
                     R"({"variety":"NORMAL","orderid":")" + id +
                         R"(","ordertype":"LIMIT","price":"1.05","quantity":"65"})")
              .status == 200);
  CHECK(c.api_post("/rest/secure/angelbroking/order/v1/cancelOrder",
                   R"({"variety":"NORMAL","orderid":")" + id + "\"}")
            .status == 200);
  auto tenth = c.api_post("/rest/secure/angelbroking/order/v1/placeOrder", order);
  CHECK(tenth.status == 403);
  CHECK(tenth.body == "Access denied because of exceeding access rate");
  // Other endpoints have their own budgets.
  CHECK(c.api_get("/rest/secure/angelbroking/order/v1/getOrderBook").status == 200);
}

TEST_CASE("sim getCandleData refuses a range longer than the interval allows") {
  sim_fixture f;
  auto c = f.api();
  f.login(c);
  auto r = f.json(
      c.api_post(
           "/rest/secure/angelbroking/historical/v1/getCandleData",
           R"({"exchange":"NSE","symboltoken":"99926000","interval":"ONE_MINUTE","fromdate":"2025-11-01 09:15","todate":"2026-01-05 09:30"})")
          .body);
  CHECK(bool(r["status"]) == false);
  auto ok = f.json(
      c.api_post(
           "/rest/secure/angelbroking/historical/v1/getCandleData",
           R"({"exchange":"NSE","symboltoken":"99926000","interval":"ONE_DAY","fromdate":"2025-11-01 00:00","todate":"2026-01-05 15:30"})")
          .body);
  REQUIRE(bool(ok["status"]) == true);
  auto rows = ok["data"].get_array();
  CHECK(rows.size() == 46);  // nine Mon-Fri weeks from 3 Nov 2025, and Monday 5 Jan 2026
  CHECK(std::string_view(rows.at(0).at(0)) == "2025-11-03T00:00:00+05:30");
}
