// How a broker client reports what the journal must record (auth transitions, circuit-breaker
// changes, failed requests) without touching the bus: the daemon passes a sink that publishes.
// Called on the reactor thread, synchronously, as things happen.
#pragma once

#include <functional>

#include "events/event.hpp"

namespace strike::brokers {

using event_sink = std::function<void(events::payload)>;

}  // namespace strike::brokers
