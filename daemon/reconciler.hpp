// Reconciliation: after recovery (and whenever asked), the journal's orders and positions are
// compared with the broker's order book, trade book and positions, and every difference is
// journaled with what was done about it:
//   - fills the broker has and the journal lacks (they happened while the daemon was down) are
//     adopted as OrderFilled events (source "reconcile");
//   - rejections and cancellations that happened meanwhile are journaled;
//   - working orders the broker no longer knows are closed;
//   - positions the daemon does not know — or knows differently — are reported, adopted (a
//     synthetic order at the broker's average price makes the journal agree, and the position
//     is then managed like any other) or adopted and flattened, as configured. A reported
//     quantity mismatch halts entries (manual) and caps the position's exits at what the
//     broker holds, so an exit never sells what is not there.
// The daemon used to assume it was the only trader; it no longer does.
//
// It runs at start-up, before anything is sent, and again while trading (reconcile_schedule.hpp).
// A run while trading must never do harm: orders with a request in flight and instruments that
// are not quiet are left alone (reconcile_differences.hpp), every difference is read again after
// a settling wait and acted on only when both reads show it, and a working order absent from the
// order book is closed only once it has been absent for a while (a lagging book hides an order
// just placed). Fills are keyed "<order>/<fill_id>", so one the stream or the executor's polling
// journals meanwhile is never adopted twice.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "brokers/broker.hpp"
#include "brokers/timekeeper.hpp"
#include "core/bus.hpp"
#include "core/state.hpp"
#include "daemon/order_executor.hpp"
#include "daemon/reconcile_policy.hpp"

namespace strike::daemon {

struct reconcile_summary {
  std::int64_t orders_checked = 0;
  std::int64_t fills_adopted = 0;
  std::int64_t orders_closed = 0;
  std::int64_t positions_unknown = 0;
  bool agreed = true;
  // Position keys (core/positions.hpp) in contracts adopted under the flatten policy: exit them.
  std::vector<std::string> to_flatten;
};

// What runs while trading remember from one to the next: working orders the order book did not
// show, by order key, with the steady time they were first missed.
// Position differences already reported, by instrument (the journal's quantity, the broker's):
// reported again only when they change, so an alert is not repeated every interval.
struct reconcile_memory {
  std::map<std::string, std::int64_t> missing_since_ns;
  std::map<std::string, std::pair<std::int64_t, std::int64_t>> reported;
};

// A run while trading: with the rules above, waiting and reading the time on `time`. time and
// memory must outlive the run.
struct live_reconcile {
  brokers::timekeeper* time = nullptr;
  reconcile_memory* memory = nullptr;
  std::int64_t settle_ns = 3'000'000'000;         // between the two reads of the books
  std::int64_t vanish_after_ns = 60'000'000'000;  // absent this long before an order is closed
};

// Runs one reconciliation and journals ReconciliationCompleted. Fills go through the executor so
// that they carry the same keys and charges as fills seen live. Fails (journaling nothing) when
// the broker's books cannot be read. Without `live`, the start-up run: every difference is acted
// on at once.
boost::asio::awaitable<result<reconcile_summary>> reconcile(
    core::bus& bus, const core::state& state, brokers::broker& broker, order_executor& executor,
    unknown_position_policy policy, const live_reconcile* live = nullptr);

}  // namespace strike::daemon
