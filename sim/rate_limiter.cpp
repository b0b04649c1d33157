#include "sim/rate_limiter.hpp"

#include "core/clock.hpp"

namespace strike::sim {

rate_limit limit_for(std::string_view g) {
  // Protocol fact sheet, section 1 (docs' rate-limit table).
  if (g == "orders") return {9, 500, 1000};
  if (g == "loginByPassword" || g == "logout" || g == "getOrderBook" || g == "getTradeBook" ||
      g == "getPosition" || g == "getHolding" || g == "getAllHolding" || g == "searchScrip")
    return {1, 0, 0};
  if (g == "generateTokens") return {1, 0, 1000};
  if (g == "getProfile") return {3, 0, 1000};
  if (g == "getRMS") return {2, 0, 0};
  if (g == "details" || g == "getLtpData" || g == "convertPosition") return {10, 500, 5000};
  if (g == "quote") return {10, 500, 5000};
  if (g == "getCandleData") return {3, 180, 5000};
  return {};
}

std::string_view rate_group(std::string_view endpoint) {
  if (endpoint == "placeOrder" || endpoint == "modifyOrder" || endpoint == "cancelOrder")
    return "orders";
  return endpoint;
}

bool rate_limiter::admit(std::string_view client, std::string_view group, std::int64_t now_ns) {
  const rate_limit lim = limit_for(group);
  auto& c = counters_[{std::string(client), std::string(group)}];
  const std::int64_t s = now_ns / core::ns_per_s;
  auto over = [](window& w, std::int64_t index, int limit) {
    if (w.index != index) {
      w.index = index;
      w.count = 0;
    }
    return limit > 0 && w.count >= limit;
  };
  if (over(c.second, s, lim.per_second) || over(c.minute, s / 60, lim.per_minute) ||
      over(c.hour, s / 3600, lim.per_hour))
    return false;
  ++c.second.count;
  ++c.minute.count;
  ++c.hour.count;
  return true;
}

}  // namespace strike::sim
