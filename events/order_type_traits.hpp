// What an order type implies, for every place that sends, matches or fills orders.
#pragma once

#include "events/enums.hpp"

namespace strike::events {

// Stop orders wait for their trigger before they are market or limit orders.
constexpr bool is_stop(order_type t) {
  return t == order_type::stop_limit || t == order_type::stop_market;
}

}  // namespace strike::events
