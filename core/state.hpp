// The daemon's state: a pure fold over the journal. apply(state, event) is the only way it
// changes, so replaying the same events always rebuilds the same state, byte for byte once
// encoded (core/state_codec.hpp). Maps are ordered so encoding is deterministic.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <utility>

#include "core/idempotency_keys.hpp"
#include "events/enums.hpp"
#include "events/event.hpp"
#include "events/fields.hpp"

namespace strike::core {

enum class order_status {
  intended,       // intent journaled, risk not yet decided
  approved,       // risk approved, not yet sent
  risk_rejected,  // refused by risk; never sent
  submitted,      // sent, no answer yet
  unknown,        // send outcome unknown: resolve by looking the tag up, never by resending
  accepted,       // working at the broker
  partially_filled,
  filled,
  cancelled,
  rejected,
  expired,
};
bool is_terminal(order_status s);

// A change asked of the broker and not yet confirmed.
enum class order_pending { none, modify, cancel };

struct order_record {
  std::string strategy;
  std::string instrument;
  std::string symbol;
  events::side side = events::side::buy;
  events::purpose purpose = events::purpose::entry;
  std::string reason;
  std::int64_t qty = 0;
  std::int64_t ref_price_paise = 0;
  std::int64_t tick_paise = 0;
  std::int64_t lot_size = 0;
  order_status status = order_status::intended;
  order_pending pending = order_pending::none;
  events::order_type order_type = events::order_type::limit;
  std::int64_t price_paise = 0;    // current limit price at the broker
  std::int64_t trigger_paise = 0;  // a stop order's trigger at the broker
  std::int64_t ladder_step = 0;
  std::int64_t step_ns = 0;  // when the current ladder step was sent (submit or modify request)
  events::order_type pending_type = events::order_type::limit;  // asked by the pending modify
  std::int64_t pending_price_paise = 0;
  std::int64_t pending_trigger_paise = 0;
  std::int64_t pending_qty = 0;
  std::int64_t attempts = 0;
  // Modifies and cancels in a row the broker did not take: each doubles the ladder's wait, so an
  // order the broker calls complete while its books cannot be read is not modified many times a
  // second.
  std::int64_t refusals = 0;
  std::string broker_id;
  std::int64_t filled_qty = 0;
  std::int64_t filled_value_paise = 0;  // sum of qty * price over fills
  std::int64_t charges_paise = 0;
  std::string last_reason;    // rejection, cancel or unknown-outcome reason
  std::string cancel_reason;  // why a cancel was first asked for; kept once the order ends
  std::int64_t created_ns = 0;
  std::int64_t updated_ns = 0;
  STRIKE_FIELDS(strategy, instrument, symbol, side, purpose, reason, qty, ref_price_paise,
                tick_paise, lot_size, status, pending, order_type, price_paise, trigger_paise,
                ladder_step, step_ns, pending_type, pending_price_paise, pending_trigger_paise,
                pending_qty, attempts, refusals, broker_id, filled_qty, filled_value_paise,
                charges_paise, last_reason, cancel_reason, created_ns, updated_ns)
  bool operator==(const order_record&) const = default;
};

struct position_record {
  // Which round on this instrument: the entry order and the seq of the fill that opened it.
  // Position events are keyed by it, so a second position from the same order (its late fill
  // after the first was exited) is never taken for the first.
  std::string id;
  std::string symbol;
  std::int64_t tick_paise = 0;
  std::int64_t lot_size = 0;
  std::int64_t qty = 0;             // signed: positive long
  std::int64_t cost_paise = 0;      // signed cost of the open quantity
  std::int64_t realized_paise = 0;  // gross, since the position opened
  std::int64_t charges_paise = 0;
  std::int64_t entry_qty = 0;  // units bought (sold, for a short) to open or add
  std::int64_t entry_value_paise = 0;
  std::int64_t exit_qty = 0;  // units sold (bought back) to reduce or close
  std::int64_t exit_value_paise = 0;
  bool opened = false;  // PositionOpened journaled
  std::int64_t stop_paise = 0;
  std::int64_t high_paise = 0;  // best price since entry, as of the last StopAdjusted
  std::int64_t target_paise = 0;
  bool trailing = false;
  bool break_even = false;
  std::string entry_order;
  std::string exit_reason;  // set once an exit is triggered
  std::string exit_order;   // the latest exit order
  std::int64_t exit_attempts = 0;
  std::int64_t exit_triggered_ns = 0;
  // The latest protective stop placed at the broker for it ([exits] broker_stop), and how many.
  std::string stop_order;
  std::int64_t stop_attempts = 0;
  std::int64_t opened_ns = 0;
  // At most this many units may still be exited (-1: no cap). Set when reconciliation finds the
  // broker holding less than the journal: exits never sell what the broker does not hold.
  std::int64_t exit_cap = -1;
  // The strategy instance whose entry opened it: its limits and statistics count it.
  std::string strategy;
  // The contract ("NFO:<token>"); the position's key in state::positions is this, or
  // "instrument@strategy" for a second instance in the contract (core/positions.hpp).
  std::string instrument;
  STRIKE_FIELDS(id, symbol, tick_paise, lot_size, qty, cost_paise, realized_paise, charges_paise,
                entry_qty, entry_value_paise, exit_qty, exit_value_paise, opened, stop_paise,
                high_paise, target_paise, trailing, break_even, entry_order, exit_reason,
                exit_order, exit_attempts, exit_triggered_ns, stop_order, stop_attempts, opened_ns,
                exit_cap, strategy, instrument)
  bool operator==(const position_record&) const = default;
};

struct day_tally {
  std::string date;
  std::int64_t realized_pnl_paise = 0;  // net of charges, closed positions
  std::int64_t charges_paise = 0;
  std::int64_t trades = 0;
  std::int64_t wins = 0;
  std::int64_t losses = 0;
  std::int64_t consecutive_losses = 0;
  std::int64_t last_close_ns = 0;  // when the last position closed
  STRIKE_FIELDS(date, realized_pnl_paise, charges_paise, trades, wins, losses, consecutive_losses,
                last_close_ns)
  bool operator==(const day_tally&) const = default;
};

struct session_state {
  std::string date;
  std::string phase = "closed";  // "closed", "pre_open" or "open"
  bool entry_window_open = false;
  bool eod_exit_done = false;
  std::string expiry;
  std::int64_t days_to_expiry = 0;
  STRIKE_FIELDS(date, phase, entry_window_open, eod_exit_done, expiry, days_to_expiry)
  bool operator==(const session_state&) const = default;
};

struct auth_record {
  bool authenticated = false;
  std::string method;
  std::int64_t expires_at_ns = 0;
  std::int64_t failures = 0;  // consecutive
  std::string last_error;
  STRIKE_FIELDS(authenticated, method, expires_at_ns, failures, last_error)
  bool operator==(const auth_record&) const = default;
};

struct feed_record {
  bool connected = false;
  bool stale = false;
  std::int64_t reconnects = 0;
  std::int64_t changed_ns = 0;
  STRIKE_FIELDS(connected, stale, reconnects, changed_ns)
  bool operator==(const feed_record&) const = default;
};

// One reason trading is halted. Halts stack: a day halt never replaces an operator's.
struct halt_record {
  std::string scope;  // "day" or "manual"
  std::string detail;
  std::int64_t seq = 0;  // of the TradingHalted that set it
  std::string strategy;  // the one instance halted; empty: the account
  STRIKE_FIELDS(scope, detail, seq, strategy)
  bool operator==(const halt_record&) const = default;
};

struct risk_state {
  // The latest account-wide halt still in force (halted, halt_reason, ...) and every halt in
  // force by reason; an instance's own halt is keyed "reason@instance" and halts only it.
  bool halted = false;
  std::string halt_reason;
  std::string halt_scope;
  std::string halt_detail;
  std::map<std::string, halt_record> halts;
  bool vix_tripped = false;
  double vix_at_trip = 0;
  std::map<std::string, events::breaker_state> breakers;
  // A flatten in progress: what started it (end of day, the VIX breaker, a halt that flattens,
  // shutdown) until FlattenCompleted. Journaled state, so a restart carries it on.
  std::string flatten_reason;
  std::int64_t flatten_started_ns = 0;
  STRIKE_FIELDS(halted, halt_reason, halt_scope, halt_detail, halts, vix_tripped, vix_at_trip,
                breakers, flatten_reason, flatten_started_ns)
  bool operator==(const risk_state&) const = default;

  bool halted_for(std::string_view reason) const {
    return halts.find(std::string(reason)) != halts.end();
  }
  // A day halt in force, the account's or an instance's: the next session lifts it.
  bool halted_for_day() const {
    for (const auto& [reason, h] : halts)
      if (h.scope == "day") return true;
    return false;
  }
  // The halt in force on one instance (its own limits), or null.
  const std::pair<const std::string, halt_record>* instance_halt(std::string_view name) const {
    for (const auto& h : halts)
      if (!name.empty() && h.second.strategy == name) return &h;
    return nullptr;
  }
  bool flattening() const { return !flatten_reason.empty(); }
};

struct lifecycle_state {
  std::string version;
  std::string mode;
  std::string strategy;
  std::string config_sha256;
  bool running = false;  // DaemonStarted seen and no DaemonStopped since
  std::int64_t starts = 0;
  std::int64_t clean_stops = 0;
  std::int64_t unclean_restarts = 0;  // starts that followed no DaemonStopped
  std::int64_t started_ns = 0;
  bool shutting_down = false;
  std::int64_t journal_repairs = 0;
  bool self_test_passed = false;
  bool reconciled = false;
  STRIKE_FIELDS(version, mode, strategy, config_sha256, running, starts, clean_stops,
                unclean_restarts, started_ns, shutting_down, journal_repairs, self_test_passed,
                reconciled)
  bool operator==(const lifecycle_state&) const = default;
};

// Events applied, by catalogue index.
struct type_counts {
  std::array<std::int64_t, events::type_count> by_index{};
  std::int64_t& operator[](std::size_t i) { return by_index[i]; }
  std::int64_t operator[](std::size_t i) const { return by_index[i]; }
  bool operator==(const type_counts&) const = default;
};

// The order apply() found last, so the run of events of one order skips the search of the map.
// Not part of the state: a copy or a move starts empty, any two compare equal, and it is neither
// encoded nor decoded. It points into state::orders, which only apply() erases from (emptying
// the cache as it does).
class last_order {
 public:
  using entry = std::pair<const std::string, order_record>;
  last_order() = default;
  last_order(const last_order&) {}
  last_order& operator=(const last_order&) {
    entry_ = nullptr;
    return *this;
  }
  bool operator==(const last_order&) const { return true; }

  entry* get() const { return entry_; }
  void set(entry* e) { entry_ = e; }

 private:
  entry* entry_ = nullptr;
};

struct state {
  std::int64_t last_seq = 0;
  std::int64_t last_ts = 0;
  type_counts counts{};
  lifecycle_state lifecycle;
  session_state session;
  std::map<std::string, auth_record> auth;   // by broker
  std::map<std::string, feed_record> feeds;  // by feed name
  risk_state risk;
  std::map<std::string, order_record> orders;        // by order key
  std::map<std::string, position_record> positions;  // open positions (core/positions.hpp)
  day_tally today;
  // Today's tally of each strategy instance (by name); they add up to `today`.
  std::map<std::string, day_tally> instances_today;
  idempotency_keys keys;
  // The keys of the orders not in a terminal status, kept by apply(): the checks made on the
  // way to an order (one entry working, the account's exposure) look at these few rather than
  // at every order of the retention window. Derived from `orders`, outside STRIKE_FIELDS:
  // decode_state() rebuilds it; code that edits `orders` by hand calls index_open_orders().
  std::set<std::string, std::less<>> open_orders;
  last_order found;  // apply()'s cache, outside STRIKE_FIELDS: not state
  STRIKE_FIELDS(last_seq, last_ts, counts, lifecycle, session, auth, feeds, risk, orders, positions,
                today, instances_today, keys)
  bool operator==(const state&) const = default;
};

// Folds one event into s. Events must arrive in seq order; apply never fails (a journaled
// event is a fact), it only records what the event says.
void apply(state& s, const events::event& e);

// Open orders are those not in a terminal status.
bool has_open_orders(const state& s);

// Rebuilds state::open_orders from state::orders.
void index_open_orders(state& s);

// The open orders as (key, order) entries, in key order:
//   for (const auto& [key, o] : open_orders_of(s)) ...
// What apply() does while such a loop runs may end the current order and so drop its place in
// the index: a loop that publishes collects its keys first.
class open_orders_of {
 public:
  using entry = std::pair<const std::string, order_record>;
  using index = std::set<std::string, std::less<>>;
  class iterator {
   public:
    iterator(const state& s, index::const_iterator at) : s_(&s), at_(at) { settle(); }
    const entry& operator*() const { return *order_; }
    iterator& operator++() {
      ++at_;
      settle();
      return *this;
    }
    bool operator==(const iterator& o) const { return at_ == o.at_; }

   private:
    // A key with no order (orders edited by hand, without index_open_orders) is skipped.
    void settle() {
      for (; at_ != s_->open_orders.end(); ++at_)
        if (auto it = s_->orders.find(*at_); it != s_->orders.end()) {
          order_ = &*it;
          return;
        }
    }
    const state* s_;
    index::const_iterator at_;
    const entry* order_ = nullptr;
  };
  explicit open_orders_of(const state& s) : s_(s) {}
  iterator begin() const { return {s_, s_.open_orders.begin()}; }
  iterator end() const { return {s_, s_.open_orders.end()}; }

 private:
  const state& s_;
};

}  // namespace strike::core

namespace strike::events {
template <>
struct enum_names<core::order_status> {
  static constexpr std::array<std::string_view, 11> values{
      "intended",         "approved", "risk_rejected", "submitted", "unknown", "accepted",
      "partially_filled", "filled",   "cancelled",     "rejected",  "expired"};
};
template <>
struct enum_names<core::order_pending> {
  static constexpr std::array<std::string_view, 3> values{"none", "modify", "cancel"};
};
}  // namespace strike::events
