#include "tests/sim/order_calls.hpp"

#include <cmath>

namespace strike::test {
namespace {

constexpr const char* orders = "/rest/secure/angelbroking/order/v1/";

std::vector<simdjson::dom::element> rows_of(simdjson::dom::element data, std::string_view orderid,
                                            const char* wrapper = nullptr) {
  std::vector<simdjson::dom::element> out;
  if (data.is_null()) return out;
  for (auto row : data.get_array()) {
    auto r = wrapper ? row[wrapper].value() : row;
    if (text_of(r["orderid"]) == orderid) out.push_back(r);
  }
  return out;
}

}  // namespace

std::string order_json(const order_spec& s) {
  const bool stop = s.type.starts_with("STOPLOSS");
  return std::string(R"({"variety":")") + (stop ? "STOPLOSS" : "NORMAL") +
         R"(","tradingsymbol":")" + option_symbol + R"(","symboltoken":")" + option_token +
         R"(","transactiontype":")" + s.side + R"(","exchange":"NFO","ordertype":")" + s.type +
         R"(","producttype":"CARRYFORWARD","duration":"DAY","price":")" + s.price +
         R"(","triggerprice":")" + s.trigger + R"(","quantity":")" +
         std::to_string(s.lots * option_lot) + R"(","ordertag":")" + s.tag + "\"}";
}

http_reply place_order(sim_client& c, const order_spec& s) {
  return c.api_post(std::string(orders) + "placeOrder", order_json(s));
}

std::string place_accepted(sim_fixture& f, sim_client& c, const order_spec& s) {
  const auto r = place_order(c, s);
  REQUIRE(r.status == 200);
  auto doc = f.json(r.body);
  REQUIRE_MESSAGE(bool(doc["status"]) == true, r.body);
  return text_of(doc["data"]["orderid"]);
}

http_reply cancel_order(sim_client& c, const std::string& orderid) {
  return c.api_post(std::string(orders) + "cancelOrder",
                    R"({"variety":"NORMAL","orderid":")" + orderid + "\"}");
}

std::optional<simdjson::dom::element> book_row(sim_fixture& f, sim_client& c,
                                               std::string_view orderid) {
  auto rows =
      rows_of(f.json(c.api_get(std::string(orders) + "getOrderBook").body)["data"], orderid);
  if (rows.empty()) return std::nullopt;
  return rows.front();
}

std::vector<simdjson::dom::element> trade_rows(sim_fixture& f, sim_client& c,
                                               std::string_view orderid) {
  return rows_of(f.json(c.api_get(std::string(orders) + "getTradeBook").body)["data"], orderid);
}

std::optional<simdjson::dom::element> admin_order(sim_fixture& f, std::string_view orderid) {
  auto rows =
      rows_of(f.json(f.admin().request("GET", "/admin/orders", "", {}).body), orderid, "order");
  if (rows.empty()) return std::nullopt;
  return rows.front();
}

std::vector<simdjson::dom::element> admin_trades(sim_fixture& f, std::string_view orderid) {
  return rows_of(f.json(f.admin().request("GET", "/admin/trades", "", {}).body), orderid, "trade");
}

void set_faults(sim_fixture& f, const std::string& json) {
  const auto r = f.admin().request("POST", "/admin/faults", json, {});
  REQUIRE_MESSAGE(r.status == 200, r.body);
}

std::string text_of(simdjson::dom::element e) {
  std::string_view s;
  return e.get_string().get(s) ? std::string() : std::string(s);
}

std::int64_t quantity_of(simdjson::dom::element e) {
  return std::stoll(text_of(e));
}

std::int64_t paise_of(simdjson::dom::element e) {
  return std::llround(std::stod(text_of(e)) * 100);
}

}  // namespace strike::test
