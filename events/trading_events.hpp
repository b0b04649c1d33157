// Risk, order, fill and position events. Prices are integer paise; quantities are units.
//
// Every event about an order names it by `order`: the order's idempotency key, a shortened
// SHA-256 of its intent that is also sent to the broker as the order tag.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "events/enums.hpp"
#include "events/fields.hpp"

namespace strike::events {

struct risk_approved {
  static constexpr std::string_view type_name = "RiskApproved";
  std::string order;
  std::int64_t lots = 0;
  std::int64_t qty = 0;
  STRIKE_FIELDS(order, lots, qty)
  bool operator==(const risk_approved&) const = default;
};

struct risk_rejected {
  static constexpr std::string_view type_name = "RiskRejected";
  std::string order;
  std::string check;  // the failing check, e.g. "max_positions", "daily_loss"
  std::string reason;
  STRIKE_FIELDS(order, check, reason)
  bool operator==(const risk_rejected&) const = default;
};

struct vix_breaker_tripped {
  static constexpr std::string_view type_name = "VixBreakerTripped";
  double vix = 0;
  std::string trigger;    // "level" or "jump"
  double threshold = 0;   // level, or jump percent, that was crossed
  double change_pct = 0;  // VIX change over the watch window
  STRIKE_FIELDS(vix, trigger, threshold, change_pct)
  bool operator==(const vix_breaker_tripped&) const = default;
};

struct vix_breaker_reset {
  static constexpr std::string_view type_name = "VixBreakerReset";
  double vix = 0;
  std::int64_t calm_ns = 0;  // how long VIX stayed below the reset level
  STRIKE_FIELDS(vix, calm_ns)
  bool operator==(const vix_breaker_reset&) const = default;
};

struct trading_halted {
  static constexpr std::string_view type_name = "TradingHalted";
  std::string reason;    // "daily_loss", "consecutive_losses", "kill_switch", "vix", "journal", ...
  std::string scope;     // "day" (cleared at the next session) or "manual" (needs a resume)
  bool flatten = false;  // whether open positions are exited
  std::string detail;
  // The strategy instance halted by its own limit; empty: the whole account.
  std::string strategy;
  STRIKE_FIELDS(reason, scope, flatten, detail, strategy)
  static constexpr std::array<std::string_view, 1> fields_added_later{"strategy"};
  bool operator==(const trading_halted&) const = default;
};

struct trading_resumed {
  static constexpr std::string_view type_name = "TradingResumed";
  std::string reason;  // "new_session", "operator", "vix_reset"
  STRIKE_FIELDS(reason)
  bool operator==(const trading_resumed&) const = default;
};

struct broker_breaker_changed {
  static constexpr std::string_view type_name = "BrokerBreakerChanged";
  std::string group;  // endpoint group, e.g. "orders", "market", "auth"
  breaker_state state = breaker_state::closed;
  std::int64_t failures = 0;  // consecutive failures that led here
  STRIKE_FIELDS(group, state, failures)
  bool operator==(const broker_breaker_changed&) const = default;
};

struct order_intent {
  static constexpr std::string_view type_name = "OrderIntent";
  std::string order;  // idempotency key; also the envelope key
  std::string strategy;
  std::string instrument;
  std::string symbol;  // broker trading symbol
  events::side side = events::side::buy;
  std::int64_t qty = 0;
  events::purpose purpose = events::purpose::entry;
  std::string reason;
  std::int64_t ref_price_paise = 0;  // reference price the ladder steps from
  std::int64_t tick_paise = 0;       // instrument tick size
  std::int64_t lot_size = 0;
  STRIKE_FIELDS(order, strategy, instrument, symbol, side, qty, purpose, reason, ref_price_paise,
                tick_paise, lot_size)
  bool operator==(const order_intent&) const = default;
};

struct order_submitted {
  static constexpr std::string_view type_name = "OrderSubmitted";
  std::string order;
  events::order_type order_type = events::order_type::limit;
  std::int64_t price_paise = 0;    // 0 for market orders
  std::int64_t trigger_paise = 0;  // 0 unless a stop order
  std::int64_t qty = 0;
  std::int64_t attempt = 0;  // 1 for the first send
  STRIKE_FIELDS(order, order_type, price_paise, trigger_paise, qty, attempt)
  bool operator==(const order_submitted&) const = default;
};

struct order_accepted {
  static constexpr std::string_view type_name = "OrderAccepted";
  std::string order;
  std::string broker_id;  // the broker's order id
  STRIKE_FIELDS(order, broker_id)
  bool operator==(const order_accepted&) const = default;
};

struct order_rejected {
  static constexpr std::string_view type_name = "OrderRejected";
  std::string order;
  std::string code;
  std::string reason;
  STRIKE_FIELDS(order, code, reason)
  bool operator==(const order_rejected&) const = default;
};

struct order_modify_requested {
  static constexpr std::string_view type_name = "OrderModifyRequested";
  std::string order;
  std::int64_t step = 0;  // ladder step, 1..N; 0 for a modify outside the ladder
  events::order_type order_type = events::order_type::limit;
  std::int64_t price_paise = 0;
  std::int64_t qty = 0;
  std::int64_t trigger_paise = 0;  // a stop order's new trigger; 0 otherwise
  STRIKE_FIELDS(order, step, order_type, price_paise, qty, trigger_paise)
  // Journals written before stop orders were modified lack it: read as 0.
  static constexpr std::array<std::string_view, 1> fields_added_later{"trigger_paise"};
  bool operator==(const order_modify_requested&) const = default;
};

struct order_modified {
  static constexpr std::string_view type_name = "OrderModified";
  std::string order;
  events::order_type order_type = events::order_type::limit;
  std::int64_t price_paise = 0;
  std::int64_t qty = 0;
  std::int64_t trigger_paise = 0;
  STRIKE_FIELDS(order, order_type, price_paise, qty, trigger_paise)
  static constexpr std::array<std::string_view, 1> fields_added_later{"trigger_paise"};
  bool operator==(const order_modified&) const = default;
};

struct order_cancel_requested {
  static constexpr std::string_view type_name = "OrderCancelRequested";
  std::string order;
  std::string reason;  // "ladder_exhausted", "flatten", "shutdown", ...
  STRIKE_FIELDS(order, reason)
  bool operator==(const order_cancel_requested&) const = default;
};

struct order_cancelled {
  static constexpr std::string_view type_name = "OrderCancelled";
  std::string order;
  std::int64_t filled_qty = 0;  // filled before the cancel took effect
  std::string reason;
  STRIKE_FIELDS(order, filled_qty, reason)
  bool operator==(const order_cancelled&) const = default;
};

struct order_expired {
  static constexpr std::string_view type_name = "OrderExpired";
  std::string order;
  std::int64_t filled_qty = 0;
  STRIKE_FIELDS(order, filled_qty)
  bool operator==(const order_expired&) const = default;
};

struct order_outcome_unknown {
  static constexpr std::string_view type_name = "OrderOutcomeUnknown";
  std::string order;
  std::string operation;  // "place", "modify" or "cancel"
  std::string reason;     // "timeout", "connection_lost", "empty_reply", ...
  STRIKE_FIELDS(order, operation, reason)
  bool operator==(const order_outcome_unknown&) const = default;
};

struct order_filled {
  static constexpr std::string_view type_name = "OrderFilled";
  std::string order;
  std::string fill_id;   // broker trade id; the envelope key is "<order>/<fill_id>"
  std::int64_t qty = 0;  // this fill
  std::int64_t price_paise = 0;
  std::int64_t filled_qty = 0;  // cumulative for the order
  std::int64_t leaves_qty = 0;  // still open; 0 means the order is complete
  std::int64_t charges_paise = 0;
  std::string source;  // "stream", "poll", "reconcile" or "paper"
  STRIKE_FIELDS(order, fill_id, qty, price_paise, filled_qty, leaves_qty, charges_paise, source)
  bool operator==(const order_filled&) const = default;
};

struct position_opened {
  static constexpr std::string_view type_name = "PositionOpened";
  std::string instrument;
  std::string symbol;
  std::int64_t qty = 0;  // signed: positive long, negative short
  std::int64_t avg_price_paise = 0;
  std::int64_t stop_paise = 0;    // initial stop loss on the premium
  std::int64_t target_paise = 0;  // take-profit price; 0 when none
  std::string order;              // the entry order
  std::string strategy;           // the instance whose entry opened it
  STRIKE_FIELDS(instrument, symbol, qty, avg_price_paise, stop_paise, target_paise, order, strategy)
  static constexpr std::array<std::string_view, 1> fields_added_later{"strategy"};
  bool operator==(const position_opened&) const = default;
};

struct stop_adjusted {
  static constexpr std::string_view type_name = "StopAdjusted";
  std::string instrument;
  std::int64_t stop_paise = 0;
  std::int64_t high_paise = 0;  // highest price since entry
  std::string reason;           // "trail_activated", "trail", "break_even"
  std::string strategy;         // the instance whose position it is
  STRIKE_FIELDS(instrument, stop_paise, high_paise, reason, strategy)
  static constexpr std::array<std::string_view, 1> fields_added_later{"strategy"};
  bool operator==(const stop_adjusted&) const = default;
};

struct position_exit_triggered {
  static constexpr std::string_view type_name = "PositionExitTriggered";
  std::string instrument;
  std::string reason;  // "stop_loss", "trailing_stop", "target", "end_of_day", "signal", ...
  std::int64_t price_paise = 0;  // the price that triggered it
  std::int64_t qty = 0;
  std::string strategy;  // the instance whose position it is
  STRIKE_FIELDS(instrument, reason, price_paise, qty, strategy)
  static constexpr std::array<std::string_view, 1> fields_added_later{"strategy"};
  bool operator==(const position_exit_triggered&) const = default;
};

struct position_closed {
  static constexpr std::string_view type_name = "PositionClosed";
  std::string instrument;
  std::int64_t qty = 0;
  std::int64_t entry_avg_paise = 0;
  std::int64_t exit_avg_paise = 0;
  std::int64_t gross_pnl_paise = 0;
  std::int64_t charges_paise = 0;
  std::int64_t net_pnl_paise = 0;
  std::string strategy;  // the instance whose position it was
  STRIKE_FIELDS(instrument, qty, entry_avg_paise, exit_avg_paise, gross_pnl_paise, charges_paise,
                net_pnl_paise, strategy)
  static constexpr std::array<std::string_view, 1> fields_added_later{"strategy"};
  bool operator==(const position_closed&) const = default;
};

}  // namespace strike::events
