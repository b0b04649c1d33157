#include "brokers/broker_types.hpp"

namespace strike::brokers {

std::string_view to_string(order_state s) {
  switch (s) {
    case order_state::pending: return "pending";
    case order_state::open: return "open";
    case order_state::trigger_pending: return "trigger_pending";
    case order_state::complete: return "complete";
    case order_state::cancelled: return "cancelled";
    case order_state::rejected: return "rejected";
    case order_state::unknown: return "unknown";
  }
  return "unknown";
}

bool is_final(order_state s) {
  return s == order_state::complete || s == order_state::cancelled || s == order_state::rejected;
}

std::int64_t interval_ns(candle_interval i) {
  constexpr std::int64_t minute = 60LL * 1'000'000'000;
  switch (i) {
    case candle_interval::m1: return minute;
    case candle_interval::m3: return 3 * minute;
    case candle_interval::m5: return 5 * minute;
    case candle_interval::m10: return 10 * minute;
    case candle_interval::m15: return 15 * minute;
    case candle_interval::m30: return 30 * minute;
    case candle_interval::h1: return 60 * minute;
    case candle_interval::d1: return 24 * 60 * minute;
  }
  return minute;
}

}  // namespace strike::brokers
