#include <doctest/doctest.h>

#include "brokers/angelone/parsers.hpp"
#include "brokers/broker_error.hpp"

using namespace strike::brokers;
using namespace strike::brokers::angelone;
using strike::events::failure_kind;

namespace {

struct parsed {
  simdjson::dom::parser parser;
  strike::result<envelope> env;
  explicit parsed(const std::string& body) : env(parse_envelope(parser, body)) {}
};

constexpr const char* order_row = R"({
  "variety":"NORMAL","ordertype":"LIMIT","producttype":"CARRYFORWARD","duration":"DAY",
  "price":"102.50","triggerprice":"0","quantity":"75","disclosedquantity":"0",
  "squareoff":"0","stoploss":"0","trailingstoploss":"0","tradingsymbol":"NIFTY28OCT2524400CE",
  "transactiontype":"BUY","exchange":"NFO","symboltoken":"58784","instrumenttype":"OPTIDX",
  "strikeprice":"24400","optiontype":"CE","expirydate":"28OCT2025","lotsize":"75",
  "cancelsize":"0","averageprice":"102.45","filledshares":"25","unfilledshares":"50",
  "orderid":"251023001073890","text":"","status":"open","orderstatus":"open",
  "updatetime":"23-Oct-2025 10:15:02","exchtime":"23-Oct-2025 10:15:01",
  "exchorderupdatetime":"23-Oct-2025 10:15:01","fillid":"","filltime":"",
  "parentorderid":"","ordertag":"strike-001","uniqueorderid":"3b1f0c7a-9a0e-4c61-b3f6-0a3a5c7e2d11"})";

}  // namespace

TEST_CASE("Both envelope spellings parse: status/errorcode and success/errorCode") {
  parsed a(R"({"status":true,"message":"SUCCESS","errorcode":"","data":{"x":1}})");
  REQUIRE(a.env.ok());
  CHECK(a.env->success);
  CHECK(a.env->code.empty());
  CHECK_FALSE(a.env->data_empty());

  parsed b(R"({"success":false,"message":"Invalid Token","errorCode":"AG8001","data":""})");
  REQUIRE(b.env.ok());
  CHECK_FALSE(b.env->success);
  CHECK(b.env->code == "AG8001");
  CHECK(b.env->message == "Invalid Token");
  CHECK(b.env->data_empty());
}

TEST_CASE("Malformed, empty and status-less replies are bad_response errors, not crashes") {
  for (const char* body : {"", "{", "Access denied because of exceeding access rate", "[1,2]",
                           R"({"message":"no flag"})", "null", R"({"status":true,)"}) {
    parsed p(body);
    REQUIRE_FALSE(p.env.ok());
    CHECK(failure_of(p.env.error()) == failure_kind::bad_response);
  }
}

TEST_CASE("An order book row parses into generic order info") {
  parsed p(std::string(R"({"status":true,"message":"SUCCESS","errorcode":"","data":[)") +
           order_row + "]}");
  REQUIRE(p.env.ok());
  auto book = parse_order_book(*p.env);
  REQUIRE(book.ok());
  REQUIRE(book->size() == 1);
  const order_info& o = (*book)[0];
  CHECK(o.broker_id == "251023001073890");
  CHECK(o.unique_id == "3b1f0c7a-9a0e-4c61-b3f6-0a3a5c7e2d11");
  CHECK(o.instrument == "NFO:58784");
  CHECK(o.symbol == "NIFTY28OCT2524400CE");
  CHECK(o.tag == "strike-001");
  CHECK(o.side == strike::events::side::buy);
  CHECK(o.type == strike::events::order_type::limit);
  CHECK(o.product == product::carryforward);
  CHECK(o.state == order_state::open);
  CHECK(o.qty == 75);
  CHECK(o.filled_qty == 25);
  CHECK(o.pending_qty == 50);
  CHECK(o.price_paise == 10250);
  CHECK(o.avg_price_paise == 10245);
  // 23-Oct-2025 10:15:01 IST = 04:45:01 UTC
  CHECK(o.updated_ns == 1761194701LL * 1'000'000'000);
}

TEST_CASE("An empty order book may be null, [] or absent") {
  for (const char* body : {R"({"status":true,"message":"SUCCESS","errorcode":"","data":null})",
                           R"({"status":true,"message":"SUCCESS","errorcode":"","data":[]})",
                           R"({"status":true,"message":"SUCCESS","errorcode":""})"}) {
    parsed p(body);
    REQUIRE(p.env.ok());
    auto book = parse_order_book(*p.env);
    REQUIRE(book.ok());
    CHECK(book->empty());
  }
}

TEST_CASE("Order details carry prices as numbers and still parse") {
  parsed p(R"({"status":true,"data":{"orderid":"1","price":194.5,"quantity":"1","status":"complete",
               "averageprice":194.45,"filledshares":"1","unfilledshares":"0"}})");
  auto o = parse_order_details(*p.env);
  REQUIRE(o.ok());
  CHECK(o->price_paise == 19450);
  CHECK(o->avg_price_paise == 19445);
  CHECK(o->state == order_state::complete);
}

TEST_CASE("A nonsensical quantity in a book is a bad_response naming the field") {
  parsed p(R"({"status":true,"data":[{"orderid":"1","quantity":"lots"}]})");
  auto book = parse_order_book(*p.env);
  REQUIRE_FALSE(book.ok());
  CHECK(failure_of(book.error()) == failure_kind::bad_response);
  CHECK(book.error().message.find("quantity") != std::string::npos);
}

TEST_CASE("Order acknowledgements need an orderid") {
  parsed ok(
      R"({"status":true,"data":{"script":"X","orderid":"251023001073890","uniqueorderid":"u-1"}})");
  auto ack = parse_order_ack(*ok.env);
  REQUIRE(ack.ok());
  CHECK(ack->broker_id == "251023001073890");
  CHECK(ack->unique_id == "u-1");
  parsed bad(R"({"status":true,"data":{"script":"X"}})");
  CHECK_FALSE(parse_order_ack(*bad.env).ok());
  parsed null_data(R"({"status":true,"data":null})");
  CHECK_FALSE(parse_order_ack(*null_data.env).ok());
}

TEST_CASE("Tokens parse, and a Bearer prefix on the JWT is dropped") {
  parsed p(
      R"({"status":true,"data":{"jwtToken":"Bearer eyJ.a.b","refreshToken":"eyJ.r","feedToken":"eyJ.f"}})");
  auto t = parse_tokens(*p.env);
  REQUIRE(t.ok());
  CHECK(t->jwt == "eyJ.a.b");
  CHECK(t->refresh == "eyJ.r");
  CHECK(t->feed == "eyJ.f");
  parsed missing(R"({"status":true,"data":{"feedToken":"x"}})");
  CHECK_FALSE(parse_tokens(*missing.env).ok());
}

TEST_CASE("Trade book fill times are read on the given IST day") {
  parsed p(R"({"status":true,"data":[{"exchange":"NFO","producttype":"CARRYFORWARD",
      "tradingsymbol":"NIFTY28OCT2524400CE","transactiontype":"SELL","fillprice":"110.05",
      "fillsize":"75","orderid":"9","fillid":"F1","filltime":"10:15:01"}]})");
  auto trades = parse_trade_book(*p.env, strike::core::civil_date{2025, 10, 23});
  REQUIRE(trades.ok());
  REQUIRE(trades->size() == 1);
  CHECK((*trades)[0].side == strike::events::side::sell);
  CHECK((*trades)[0].qty == 75);
  CHECK((*trades)[0].price_paise == 11005);
  CHECK((*trades)[0].fill_ns == 1761194701LL * 1'000'000'000);
}

TEST_CASE("Positions, funds and LTP parse their string amounts") {
  parsed pos(
      R"({"status":true,"data":[{"exchange":"NFO","symboltoken":"58784","producttype":"CARRYFORWARD",
      "tradingsymbol":"NIFTY28OCT2524400CE","netqty":"-75","buyqty":"0","sellqty":"75",
      "buyavgprice":"0.00","sellavgprice":"110.05","buyamount":"0","sellamount":"8253.75","lotsize":"75"}]})");
  auto positions = parse_positions(*pos.env);
  REQUIRE(positions.ok());
  REQUIRE(positions->size() == 1);
  CHECK((*positions)[0].instrument == "NFO:58784");
  CHECK((*positions)[0].net_qty == -75);
  CHECK((*positions)[0].sell_value_paise == 825375);
  CHECK((*positions)[0].net_avg_paise == 0);  // no net average given

  // Carried forward from yesterday: today's buy average is 0, the net average is not.
  parsed carried(
      R"({"status":true,"data":[{"exchange":"NFO","symboltoken":"58784","producttype":"CARRYFORWARD",
      "tradingsymbol":"NIFTY28OCT2524400CE","netqty":"75","buyqty":"0","sellqty":"0","buyavgprice":"0.00",
      "sellavgprice":"0.00","cfbuyqty":"75","cfbuyavgprice":"98.40","avgnetprice":"98.40","lotsize":"75"}]})");
  auto cf = parse_positions(*carried.env);
  REQUIRE(cf.ok());
  CHECK((*cf)[0].buy_avg_paise == 0);
  CHECK((*cf)[0].net_avg_paise == 9840);
  parsed cf_only(R"({"status":true,"data":[{"exchange":"NFO","symboltoken":"58784","netqty":"75",
      "buyavgprice":"0.00","cfbuyavgprice":"98.40","avgnetprice":"0.00","lotsize":"75"}]})");
  CHECK((*parse_positions(*cf_only.env))[0].net_avg_paise == 9840);

  parsed funds(
      R"({"status":true,"data":{"net":"100000.50","availablecash":"90000","utiliseddebits":"10000.50",
      "m2mrealized":"-12.5","m2munrealized":"0","collateral":"0"}})");
  auto f = parse_funds(*funds.env);
  REQUIRE(f.ok());
  CHECK(f->net_paise == 10000050);
  CHECK(f->realised_m2m_paise == -1250);

  parsed ltp(
      R"({"status":true,"data":{"exchange":"NSE","tradingsymbol":"Nifty 50","symboltoken":"99926000","ltp":23456.55}})");
  CHECK(*parse_ltp(*ltp.env) == 2345655);
}

TEST_CASE("Candles parse from rows of time and numbers, and malformed rows are errors") {
  parsed p(
      R"({"status":true,"data":[["2023-09-06T11:15:00+05:30",19571.2,19573.35,19534.4,19552.05,0],
                                     ["2023-09-06T11:16:00+05:30","19552.05","19560","19550","19555.1","12"]]})");
  auto c = parse_candles(*p.env);
  REQUIRE(c.ok());
  REQUIRE(c->size() == 2);
  CHECK((*c)[0].open_paise == 1957120);
  CHECK((*c)[0].high_paise == 1957335);
  CHECK((*c)[0].close_paise == 1955205);
  CHECK((*c)[1].open_ns - (*c)[0].open_ns == 60LL * 1'000'000'000);
  CHECK((*c)[1].volume == 12);
  parsed bad(R"({"status":true,"data":[["yesterday",1,2,3,4,5]]})");
  CHECK_FALSE(parse_candles(*bad.env).ok());
  parsed short_row(R"({"status":true,"data":[["2023-09-06T11:15:00+05:30",1,2]]})");
  CHECK_FALSE(parse_candles(*short_row.env).ok());
  // A price that cannot be held in paise is an error, not a wrapped candle.
  parsed huge(
      R"({"status":true,"data":[["2023-09-06T11:15:00+05:30",92233720368547759,2,3,4,5]]})");
  auto h = parse_candles(*huge.env);
  REQUIRE_FALSE(h.ok());
  CHECK(h.error().message.find("candle 0: value 1 is not a number in range") != std::string::npos);
  parsed far(R"({"status":true,"data":[["2023-09-06T11:15:00+05:30",1,1e300,3,4,5]]})");
  CHECK_FALSE(parse_candles(*far.env).ok());
}
