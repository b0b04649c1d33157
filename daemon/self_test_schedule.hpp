// When the pre-open self-test runs: at once at every session's pre-open and open, when the
// market feed connects, on the first tick after a failure for want of ticks, and otherwise a
// retry interval after a failure, until it passes. A failure is journaled when it changes, not
// on every retry.
//
// Reactor thread only; everything passed in outlives the schedule.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/asio/io_context.hpp>
#include <cstdint>
#include <string>

#include "core/bus.hpp"
#include "core/state.hpp"
#include "daemon/broker_link.hpp"
#include "daemon/config.hpp"
#include "daemon/self_test.hpp"

namespace strike::daemon {

class self_test_schedule {
 public:
  // last_tick: the runtime's record of the newest tick, read when a test runs.
  self_test_schedule(boost::asio::io_context& io, const config& cfg, core::bus& bus,
                     const core::state& state, broker_link& broker,
                     const tick_clock_sample& last_tick);

  // Subscribes to what makes a test due at once. Call once.
  void attach();
  // A market tick arrived.
  void on_tick();
  // Starts a test if one is due and the session is live.
  void on_heartbeat();

 private:
  boost::asio::awaitable<void> run();

  boost::asio::io_context& io_;
  const config& cfg_;
  core::bus& bus_;
  const core::state& state_;
  broker_link& broker_;
  const tick_clock_sample& last_tick_;
  bool running_ = false;
  std::int64_t due_ns_ = 0;  // real steady ns
  std::string last_failure_;
};

}  // namespace strike::daemon
