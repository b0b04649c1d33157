// The clock a command runs on, as config [clock] says: the system clock, or (kind "scaled") a
// market day played at N times real speed, shared with a simulator through the anchor. The
// daemon and `striked data fetch` (its "today") both take it from here.
#pragma once

#include <memory>

#include "core/clock.hpp"
#include "daemon/runtime_config.hpp"

namespace strike::daemon {

std::unique_ptr<core::clock> make_market_clock(const clock_section& k);

}  // namespace strike::daemon
