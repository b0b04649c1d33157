// What reconciliation does with a position the journal does not know, or knows with another
// quantity (config [reconcile] unknown_positions).
#pragma once

namespace strike::daemon {

enum class unknown_position_policy { report, adopt, flatten };

}  // namespace strike::daemon
