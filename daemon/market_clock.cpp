#include "daemon/market_clock.hpp"

namespace strike::daemon {

std::unique_ptr<core::clock> make_market_clock(const clock_section& k) {
  if (k.kind == "scaled")
    return std::make_unique<core::scaled_clock>(k.start_ns, k.speed, k.anchor_ns, k.closed_speed);
  return std::make_unique<core::system_clock>();
}

}  // namespace strike::daemon
