// The Angel One REST endpoints the client uses, in one table: path, method, whether they need
// the session's Bearer token, which rate-limit bucket and circuit breaker they belong to, and
// the published limits. Change limits here and nowhere else.
#pragma once

#include <array>
#include <cstdint>
#include <string_view>

#include "brokers/http/http_types.hpp"
#include "brokers/token_bucket.hpp"

namespace strike::brokers::angelone {

enum class endpoint : std::uint8_t {
  login,
  refresh,
  profile,
  logout,
  funds,
  place_order,
  modify_order,
  cancel_order,
  order_book,
  trade_book,
  order_details,
  positions,
  ltp,
  candles,
};
inline constexpr std::size_t endpoint_count = 14;

// Circuit breakers trip per group: a failing order path does not stop reading positions.
enum class breaker_group : std::uint8_t { auth, orders, books, market };
inline constexpr std::size_t breaker_group_count = 4;
std::string_view group_name(breaker_group g);  // "auth", "orders", "books", "market"

struct endpoint_spec {
  std::string_view name;  // Angel One's name, used in events and logs: "placeOrder"
  http::method method;
  std::string_view path;
  bool authorised;  // sends "Authorization: Bearer <jwt>"
  // Endpoints with the same bucket share one token bucket (place, modify and cancel are
  // limited together).
  std::string_view bucket;
  std::int64_t per_second;  // 0 = no limit of that kind
  std::int64_t per_minute;
  std::int64_t per_hour;
  breaker_group group;
  // Whether a failed request may simply be sent again. placeOrder may not: a second send after
  // an ambiguous failure could double the order (see order_placement.hpp).
  bool resend_allowed;
};

const endpoint_spec& spec(endpoint e);

}  // namespace strike::brokers::angelone
