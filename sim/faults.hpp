// Faults the simulator injects at run time, set through the admin endpoint. "*_next" knobs
// hit the next N matching requests (deterministic, for tests); "*_rate" knobs hit a share of
// them, drawn from a generator seeded by the run's seed. Every knob is off by default.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.hpp"
#include "sim/sim_random.hpp"
#include "sim/stream_faults.hpp"

namespace strike::sim {

struct fault_settings {
  double error_rate = 0;
  int error_next = 0;  // HTTP 500 with an HTML body, request not processed
  double rate_limit_rate = 0;
  int rate_limit_next = 0;  // HTTP 403 "Access denied ..." text
  double drop_rate = 0;
  int drop_next = 0;               // close the connection, request not processed
  std::int64_t latency_ms = 0;     // real delay before every reply
  int drop_after_accept_next = 0;  // placeOrder is processed, then the connection closes unanswered
  int empty_order_reply_next = 0;  // placeOrder is processed, then answered 200 with an empty body
  double reject_rate = 0;
  int reject_next = 0;  // accepted orders are rejected at once
  double reject_sell_rate = 0;
  int reject_sell_next = 0;  // the same, for SELL orders only
  // The next N placeOrders are processed at once, their replies held this long (real ms).
  std::int64_t hold_place_reply_ms = 0;
  int hold_place_reply_next = 0;
  std::int64_t order_book_lag_ms = 0;  // a new order shows in the books this long after placing
  int coalesce_fills_next = 0;         // orders of 2+ lots fill as two trades with one order update
  int fill_on_cancel_next = 0;     // an open order fills its rest just before the cancel arrives
  int trigger_on_cancel_next = 0;  // a trigger-pending stop triggers and fills before the cancel
  int rest_sell_limits_next = 0;   // SELL LIMIT orders that find no buyer until made MARKET
  double partial_fill_ratio =
      0;  // 0 = off; else an order's first fill takes this share (whole lots)
  std::int64_t partial_fill_rest_s = 60;  // market seconds before the rest fills
  bool enforce_rate_limits = true;        // the documented per-endpoint limits
  // Endpoints (e.g. "placeOrder", "getOrderBook") the request-level faults apply to; empty = all.
  std::vector<std::string> endpoints;
  stream_fault_settings stream;  // the WebSocket knobs (stream_faults.hpp), same admin body
};

enum class request_fault { none, server_error, rate_limited, dropped };

class faults {
 public:
  explicit faults(std::uint64_t seed) : rng_(seed ^ 0xFA017ULL) {}

  // The request-level fault for one API request of endpoint (consumes "next" counters).
  request_fault before(std::string_view endpoint);
  bool take_drop_after_accept();
  bool take_empty_order_reply();
  bool take_hold_place_reply();
  bool take_reject();
  bool take_reject_sell();
  bool take_coalesce_fills();
  bool take_fill_on_cancel();
  bool take_trigger_on_cancel();
  bool take_rest_sell_limit();
  // The fault for the next WebSocket frame of feed ("market" or "orders"); truncation applies
  // to tick frames only.
  frame_fault before_frame(std::string_view feed, bool tick);
  // Whether to send the frame just sent once more.
  bool take_duplicate(bool tick);

  const fault_settings& settings() const { return s_; }
  void replace(const fault_settings& s) { s_ = s; }
  // Applies the keys present in a JSON object; unknown keys and wrong types are errors.
  status update_from_json(std::string_view body);
  std::string to_json() const;

 private:
  bool applies(std::string_view endpoint) const;
  bool take(int& next, double rate);

  fault_settings s_;
  splitmix64 rng_;
};

}  // namespace strike::sim
