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
#pragma once

#include <boost/asio/awaitable.hpp>
#include <cstdint>
#include <string>
#include <vector>

#include "brokers/broker.hpp"
#include "core/bus.hpp"
#include "core/state.hpp"
#include "daemon/order_executor.hpp"

namespace strike::daemon {

enum class unknown_position_policy { report, adopt, flatten };

struct reconcile_summary {
  std::int64_t orders_checked = 0;
  std::int64_t fills_adopted = 0;
  std::int64_t orders_closed = 0;
  std::int64_t positions_unknown = 0;
  bool agreed = true;
  std::vector<std::string> to_flatten;  // adopted under the flatten policy: exit them now
};

// Runs one reconciliation. Fills go through the executor so that they carry the same keys and
// charges as fills seen live. Fails (journaling nothing) when the broker's books cannot be read.
boost::asio::awaitable<result<reconcile_summary>> reconcile(core::bus& bus, const core::state& state,
                                                            brokers::broker& broker, order_executor& executor,
                                                            unknown_position_policy policy);

}  // namespace strike::daemon
