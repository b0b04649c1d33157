#include "brokers/angelone/endpoints.hpp"

namespace strike::brokers::angelone {
namespace {

using http::method;
using g = breaker_group;

// Limits: docs "Rate Limit" page (per second / minute / hour). Place, modify and cancel are
// limited cumulatively at 9/s. getLtpData is budgeted like the market-data quote (the docs
// disagree with themselves; see the protocol notes).
constexpr std::array<endpoint_spec, endpoint_count> table{{
    {"loginByPassword", method::post, "/rest/auth/angelbroking/user/v1/loginByPassword", false,
     "loginByPassword", 1, 0, 0, g::auth, true},
    {"generateTokens", method::post, "/rest/auth/angelbroking/jwt/v1/generateTokens", true,
     "generateTokens", 1, 0, 1000, g::auth, true},
    {"getProfile", method::get, "/rest/secure/angelbroking/user/v1/getProfile", true, "getProfile",
     3, 0, 1000, g::auth, true},
    {"logout", method::post, "/rest/secure/angelbroking/user/v1/logout", true, "logout", 1, 0, 0,
     g::auth, true},
    {"getRMS", method::get, "/rest/secure/angelbroking/user/v1/getRMS", true, "getRMS", 2, 0, 0,
     g::books, true},
    {"placeOrder", method::post, "/rest/secure/angelbroking/order/v1/placeOrder", true, "orders", 9,
     500, 1000, g::orders, false},
    {"modifyOrder", method::post, "/rest/secure/angelbroking/order/v1/modifyOrder", true, "orders",
     9, 500, 1000, g::orders, true},
    {"cancelOrder", method::post, "/rest/secure/angelbroking/order/v1/cancelOrder", true, "orders",
     9, 500, 1000, g::orders, true},
    {"getOrderBook", method::get, "/rest/secure/angelbroking/order/v1/getOrderBook", true,
     "getOrderBook", 1, 0, 0, g::books, true},
    {"getTradeBook", method::get, "/rest/secure/angelbroking/order/v1/getTradeBook", true,
     "getTradeBook", 1, 0, 0, g::books, true},
    {"orderDetails", method::get, "/rest/secure/angelbroking/order/v1/details/", true,
     "orderDetails", 10, 500, 5000, g::books, true},
    {"getPosition", method::get, "/rest/secure/angelbroking/order/v1/getPosition", true,
     "getPosition", 1, 0, 0, g::books, true},
    {"getLtpData", method::post, "/rest/secure/angelbroking/order/v1/getLtpData", true, "getLtpData",
     10, 500, 5000, g::market, true},
    {"getCandleData", method::post, "/rest/secure/angelbroking/historical/v1/getCandleData", true,
     "getCandleData", 3, 180, 5000, g::market, true},
}};

}  // namespace

const endpoint_spec& spec(endpoint e) { return table[static_cast<std::size_t>(e)]; }

std::string_view group_name(breaker_group grp) {
  switch (grp) {
    case g::auth: return "auth";
    case g::orders: return "orders";
    case g::books: return "books";
    case g::market: return "market";
  }
  return "auth";
}

}  // namespace strike::brokers::angelone
