// Reconciliation, shutdown and error events.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "events/enums.hpp"
#include "events/fields.hpp"

namespace strike::events {

struct reconciliation_discrepancy {
  static constexpr std::string_view type_name = "ReconciliationDiscrepancy";
  // "fill_missed", "status_missed", "order_unknown_at_broker", "position_unknown", "qty_mismatch",
  // "duplicate_order"
  std::string kind;
  std::string instrument;
  std::string order;  // empty when not about one order
  std::int64_t journal_qty = 0;
  std::int64_t broker_qty = 0;
  std::string action;  // "adopted", "closed", "flattened" or "reported"
  STRIKE_FIELDS(kind, instrument, order, journal_qty, broker_qty, action)
  bool operator==(const reconciliation_discrepancy&) const = default;
};

struct reconciliation_completed {
  static constexpr std::string_view type_name = "ReconciliationCompleted";
  std::int64_t orders_checked = 0;
  std::int64_t fills_adopted = 0;
  std::int64_t orders_closed = 0;
  std::int64_t positions_unknown = 0;
  bool agreed = false;  // true when nothing differed
  STRIKE_FIELDS(orders_checked, fills_adopted, orders_closed, positions_unknown, agreed)
  bool operator==(const reconciliation_completed&) const = default;
};

struct shutdown_requested {
  static constexpr std::string_view type_name = "ShutdownRequested";
  std::string source;            // "SIGTERM", "SIGINT", "duration", "fatal", ...
  std::int64_t deadline_ns = 0;  // flatten must finish by then
  STRIKE_FIELDS(source, deadline_ns)
  bool operator==(const shutdown_requested&) const = default;
};

struct flatten_completed {
  static constexpr std::string_view type_name = "FlattenCompleted";
  std::string reason;
  std::int64_t positions_closed = 0;
  std::int64_t orders_cancelled = 0;
  bool flat = false;  // true when no position is left open
  std::int64_t duration_ns = 0;
  STRIKE_FIELDS(reason, positions_closed, orders_cancelled, flat, duration_ns)
  bool operator==(const flatten_completed&) const = default;
};

struct daemon_stopped {
  static constexpr std::string_view type_name = "DaemonStopped";
  std::int64_t exit_code = 0;
  bool clean = false;  // true when every step of the shutdown succeeded
  std::int64_t uptime_ns = 0;
  STRIKE_FIELDS(exit_code, clean, uptime_ns)
  bool operator==(const daemon_stopped&) const = default;
};

struct error_raised {
  static constexpr std::string_view type_name = "ErrorRaised";
  std::string component;  // e.g. "bus", "journal", "strategy"
  std::string code;
  std::string message;
  STRIKE_FIELDS(component, code, message)
  bool operator==(const error_raised&) const = default;
};

struct broker_request_failed {
  static constexpr std::string_view type_name = "BrokerRequestFailed";
  std::string endpoint;  // e.g. "placeOrder"
  failure_kind kind = failure_kind::network;
  std::int64_t http_status = 0;  // 0 when no HTTP reply
  std::string code;              // broker error code, if any
  std::string message;
  std::int64_t attempt = 0;
  std::int64_t retry_in_ns = 0;  // 0 when not retried
  STRIKE_FIELDS(endpoint, kind, http_status, code, message, attempt, retry_in_ns)
  bool operator==(const broker_request_failed&) const = default;
};

}  // namespace strike::events
