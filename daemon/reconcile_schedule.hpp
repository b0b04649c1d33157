// Reconciliation while trading: after the start-up run, the broker's books are read again
//   - every interval (real time; 0 = never) while the journal holds working orders or positions,
//   - when the order feed reconnects (updates sent while it was away are lost),
//   - after every (re-)authentication (the broker may have acted while the session was dead),
//   - a market minute before the end-of-day exit, so the exit sells what the broker holds.
// The interval is in real time, like the executor's book polling: it paces reads of broker
// endpoints whose rate limits are real time, whatever speed a scaled market clock runs at.
// One run at a time; a trigger during a run asks for one more run after it. The trigger is
// logged (ReconciliationCompleted is the same event whatever started the run).
//
// Reactor thread only. Everything passed in outlives the schedule.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <functional>
#include <memory>
#include <string>

#include "brokers/broker.hpp"
#include "brokers/timekeeper.hpp"
#include "core/bus.hpp"
#include "core/clock.hpp"
#include "core/state.hpp"
#include "daemon/clock_timer.hpp"
#include "daemon/reconciler.hpp"

namespace strike::daemon {

struct reconcile_schedule_config {
  unknown_position_policy policy = unknown_position_policy::report;
  std::int64_t interval_ns = 60'000'000'000;  // real time; 0: only on the triggers
  std::int64_t settle_ns = 3'000'000'000;     // real time between a run's two reads
  int eod_exit_minute = 15 * 60 + 20;         // IST minute of the end-of-day exit
};

class reconcile_schedule {
 public:
  // exit_position(key) exits a position (by its key) adopted under the flatten policy.
  reconcile_schedule(boost::asio::io_context& io, core::bus& bus, const core::state& state,
                     const core::clock& market_clock, brokers::broker& broker,
                     brokers::timekeeper& time, order_executor& executor,
                     reconcile_schedule_config config,
                     std::function<void(const std::string&)> exit_position);
  ~reconcile_schedule();
  reconcile_schedule(const reconcile_schedule&) = delete;
  reconcile_schedule& operator=(const reconcile_schedule&) = delete;

  // Subscribes to the triggers on the bus; they are ignored until start().
  void attach();
  // After the start-up run: arms the interval and the end-of-day run.
  void start();
  // No run starts after it; a run under way ends at its next step.
  void stop();
  // Runs a reconciliation now (or right after the one under way); trigger names it in the log.
  void request(const std::string& trigger);

 private:
  boost::asio::awaitable<void> run(std::string trigger);
  void arm_interval();
  void arm_end_of_day();
  bool holds_anything() const;

  boost::asio::io_context& io_;
  core::bus& bus_;
  const core::state& state_;
  const core::clock& market_clock_;
  brokers::broker& broker_;
  brokers::timekeeper& time_;
  order_executor& executor_;
  reconcile_schedule_config config_;
  std::function<void(const std::string&)> exit_position_;
  boost::asio::steady_timer interval_timer_;
  clock_timer end_of_day_timer_;
  reconcile_memory memory_;
  bool started_ = false;
  bool stopped_ = false;
  bool running_ = false;
  std::string owed_;  // the trigger of a run asked for while one was under way
};

}  // namespace strike::daemon
