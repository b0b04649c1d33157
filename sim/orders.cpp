#include "sim/orders.hpp"

namespace strike::sim {

std::string_view status_text(order_status s) {
  switch (s) {
    case order_status::amo_received:
      return "after market order req received";
    case order_status::open:
      return "open";
    case order_status::trigger_pending:
      return "trigger pending";
    case order_status::complete:
      return "complete";
    case order_status::cancelled:
      return "cancelled";
    case order_status::rejected:
      return "rejected";
  }
  return "";
}

bool is_working(order_status s) {
  return s == order_status::amo_received || s == order_status::open ||
         s == order_status::trigger_pending;
}

std::string_view kind_text(order_kind k) {
  switch (k) {
    case order_kind::market:
      return "MARKET";
    case order_kind::limit:
      return "LIMIT";
    case order_kind::stoploss_limit:
      return "STOPLOSS_LIMIT";
    case order_kind::stoploss_market:
      return "STOPLOSS_MARKET";
  }
  return "";
}

}  // namespace strike::sim
