#include <doctest/doctest.h>

#include <cstdint>

#include "brokers/angelone/request_bodies.hpp"

using namespace strike::brokers;
using namespace strike::brokers::angelone;
using strike::events::order_type;
using strike::events::side;

TEST_CASE("Rupee amounts print with two decimals, zero as 0") {
  CHECK(rupees(10250) == "102.50");
  CHECK(rupees(1950000) == "19500.00");
  CHECK(rupees(5) == "0.05");
  CHECK(rupees(0) == "0");
  CHECK(rupees(-1250) == "-12.50");
  CHECK(rupees(-7) == "-0.07");
  CHECK(rupees(100) == "1.00");
  CHECK(rupees(INT64_MAX) == "92233720368547758.07");
  CHECK(rupees(INT64_MIN) == "-92233720368547758.08");
}

TEST_CASE("The login body carries client code, PIN and TOTP as the SDKs send them") {
  CHECK(login_body("S1234567", "1234", "287082") ==
        R"({"clientcode":"S1234567","password":"1234","totp":"287082"})");
  CHECK(refresh_body("r.t") == R"({"refreshToken":"r.t"})");
  CHECK(logout_body("S1234567") == R"({"clientcode":"S1234567"})");
}

TEST_CASE("A limit order body has every field as a string, with the tag as ordertag") {
  order_request r;
  r.instrument = "NFO:58784";
  r.symbol = "NIFTY28OCT2524400CE";
  r.side = side::buy;
  r.type = order_type::limit;
  r.product = product::carryforward;
  r.qty = 75;
  r.price_paise = 10250;
  r.tag = "strike-001";
  CHECK(*place_body(r) ==
        R"({"variety":"NORMAL","tradingsymbol":"NIFTY28OCT2524400CE","symboltoken":"58784",)"
        R"("transactiontype":"BUY","exchange":"NFO","ordertype":"LIMIT",)"
        R"("producttype":"CARRYFORWARD",)"
        R"("duration":"DAY","price":"102.50","triggerprice":"0","quantity":"75","squareoff":"0",)"
        R"("stoploss":"0","ordertag":"strike-001"})");
}

TEST_CASE(
    "Stop orders go as variety STOPLOSS with their trigger price, and market orders at price 0") {
  order_request r;
  r.instrument = "NFO:58784";
  r.symbol = "X";
  r.side = side::sell;
  r.type = order_type::stop_limit;
  r.price_paise = 9000;
  r.trigger_paise = 9100;
  r.qty = 65;
  const auto stop = *place_body(r);
  CHECK(stop.find(R"("variety":"STOPLOSS")") != std::string::npos);
  CHECK(stop.find(R"("ordertype":"STOPLOSS_LIMIT")") != std::string::npos);
  CHECK(stop.find(R"("triggerprice":"91.00")") != std::string::npos);
  CHECK(stop.find("ordertag") == std::string::npos);
  r.type = order_type::market;
  const auto market = *place_body(r);
  CHECK(market.find(R"("price":"0")") != std::string::npos);
  CHECK(market.find(R"("variety":"NORMAL")") != std::string::npos);
  r.instrument = "58784";
  CHECK_FALSE(place_body(r).ok());
}

TEST_CASE("Modify and cancel bodies follow the documented field sets") {
  modify_request m;
  m.broker_id = "201020000000080";
  m.instrument = "NSE:3045";
  m.symbol = "SBIN-EQ";
  m.product = product::intraday;
  m.qty = 1;
  m.price_paise = 19400;
  CHECK(*modify_body(m) ==
        R"({"variety":"NORMAL","orderid":"201020000000080","ordertype":"LIMIT",)"
        R"("producttype":"INTRADAY",)"
        R"("duration":"DAY","price":"194.00","quantity":"1","tradingsymbol":"SBIN-EQ",)"
        R"("symboltoken":"3045","exchange":"NSE"})");
  CHECK(cancel_body(cancel_request{"201020000000080", order_type::limit}) ==
        R"({"variety":"NORMAL","orderid":"201020000000080"})");
}

TEST_CASE("LTP and candle bodies name exchange, symbol token and IST bounds") {
  CHECK(ltp_body("NSE", "Nifty 50", "99926000") ==
        R"({"exchange":"NSE","tradingsymbol":"Nifty 50","symboltoken":"99926000"})");
  // 2025-01-02 09:15 and 15:30 IST.
  CHECK(candle_body("NSE", "99926000", candle_interval::m1, 1735789500LL * 1'000'000'000,
                    1735812000LL * 1'000'000'000) ==
        R"({"exchange":"NSE","symboltoken":"99926000","interval":"ONE_MINUTE",)"
        R"("fromdate":"2025-01-02 09:15","todate":"2025-01-02 15:30"})");
}
