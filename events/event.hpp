// The event: an envelope plus one of the 52 typed payloads.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

#include "events/lifecycle_events.hpp"
#include "events/market_events.hpp"
#include "events/operations_events.hpp"
#include "events/trading_events.hpp"

namespace strike::events {

// The catalogue. The order is the index used by counters and by `striked events`; append new
// types at the end so stored counters keep their meaning.
using payload = std::variant<
    // lifecycle, configuration, journal
    daemon_started, config_loaded, recovery_completed, journal_repaired,
    // session clock
    session_pre_open, session_opened, entry_window_changed, end_of_day_exit, session_closed,
    // authentication and readiness
    authenticated, auth_failed, logged_out, self_test_completed,
    // market data and feeds
    instruments_loaded, feed_connected, feed_disconnected, feed_stale, market_data_rejected,
    // bars and gaps
    bar_closed, bar_gap_detected, bar_gap_filled,
    // signals
    signal_raised, entry_filtered,
    // risk and circuit breakers
    risk_approved, risk_rejected, vix_breaker_tripped, vix_breaker_reset, trading_halted,
    trading_resumed, broker_breaker_changed,
    // orders and fills
    order_intent, order_submitted, order_accepted, order_rejected, order_modify_requested,
    order_modified, order_cancel_requested, order_cancelled, order_expired,
    order_outcome_unknown, order_filled,
    // positions and exits
    position_opened, stop_adjusted, position_exit_triggered, position_closed,
    // reconciliation
    reconciliation_discrepancy, reconciliation_completed,
    // shutdown and flatten
    shutdown_requested, flatten_completed, daemon_stopped,
    // errors
    error_raised, broker_request_failed>;

inline constexpr std::size_t type_count = std::variant_size_v<payload>;
static_assert(type_count == 52, "the catalogue has 52 event types");

struct envelope {
  std::int64_t seq = 0;    // gap-free journal position, from 1; assigned by the bus
  std::int64_t ts = 0;     // UTC nanoseconds, from the bus's clock
  std::string key;         // idempotency key; empty when the event has none
  std::int64_t cause = 0;  // seq of the event that caused this one; 0 when none
  std::string corr;        // correlation id tying a chain together (e.g. one trade)
  bool operator==(const envelope&) const = default;
};

struct event {
  envelope env;
  events::payload body;
  bool operator==(const event&) const = default;

  std::size_t type_index() const { return body.index(); }
  std::string_view type_name() const;
};

// The type names in catalogue order.
const std::array<std::string_view, type_count>& type_names();

// Catalogue index of a type name, or nullopt when the name is not one of the 52.
std::optional<std::size_t> type_index_of(std::string_view name);

// Catalogue index of payload type T.
template <class T, std::size_t I = 0>
constexpr std::size_t index_of() {
  static_assert(I < type_count, "not an event payload type");
  if constexpr (std::is_same_v<std::variant_alternative_t<I, payload>, T>)
    return I;
  else
    return index_of<T, I + 1>();
}

}  // namespace strike::events
