// Reactor timers that wait on a core::clock rather than on the steady clock, so the same code
// runs on the system clock, on a scaled clock at N times real speed, and on a virtual clock in
// replay and backtest.
//
// On a system or scaled clock a timer waits in real time: an asio steady_timer set to
// clock.real_ns_until(deadline), re-armed if it wakes before the clock reads the deadline (a
// scaled clock's rounding can make it early by a nanosecond or two).
//
// A virtual clock moves only when its owner moves it, and that owner does so through
// virtual_time::advance_to, which stops at every waiting timer's deadline on the way, sets the
// clock to it and runs that timer's handler there and then (so a handler always reads its own
// deadline as "now", as it would live). Handlers of virtual timers therefore run inside
// advance_to, on the thread that calls it: the reactor thread.
//
// Handlers get an error_code: success when the deadline was reached, operation_aborted when the
// wait was cancelled (cancel(), a new wait, or the timer's destruction). Single-threaded, like
// the rest of the reactor.
#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/system/error_code.hpp>
#include <cstdint>
#include <functional>
#include <memory>
#include <vector>

#include "core/clock.hpp"

namespace strike::daemon {

class clock_timer;

// The owner's handle on a virtual clock: moves it and fires the timers waiting on it.
class virtual_time {
 public:
  explicit virtual_time(core::virtual_clock& clock) : clock_(clock) {}
  virtual_time(const virtual_time&) = delete;
  virtual_time& operator=(const virtual_time&) = delete;

  // Moves the clock to t (never backwards), firing every timer whose deadline is <= t in
  // deadline order (ties: the order they were armed), each with the clock at its deadline.
  // Timers armed by those handlers are fired too when due by t.
  void advance_to(std::int64_t t);
  // The earliest deadline waiting, or -1 when no timer waits (a backtest can jump to it).
  std::int64_t next_deadline() const;
  const core::virtual_clock& clock() const { return clock_; }
  std::size_t waiting() const { return waiting_.size(); }

 private:
  friend class clock_timer;
  struct entry {
    std::int64_t deadline;
    std::uint64_t order;
    clock_timer* timer;
  };
  void add(clock_timer* t, std::int64_t deadline);
  void remove(clock_timer* t);

  core::virtual_clock& clock_;
  std::vector<entry> waiting_;
  std::uint64_t next_order_ = 0;
};

class clock_timer {
 public:
  using handler = std::function<void(boost::system::error_code)>;

  // A timer in real time on a system or scaled clock. clock and io must outlive the timer.
  clock_timer(boost::asio::io_context& io, const core::clock& clock);
  // A timer in virtual time. time and io must outlive the timer.
  clock_timer(boost::asio::io_context& io, virtual_time& time);
  ~clock_timer();
  clock_timer(const clock_timer&) = delete;
  clock_timer& operator=(const clock_timer&) = delete;

  // Calls h once the clock reads at least t (at once, through the reactor, when it already
  // does). A wait already pending is cancelled first.
  void async_wait_until(std::int64_t t, handler h);
  // The same with t = now + dt on this timer's clock.
  void async_wait_for(std::int64_t dt, handler h);
  // Cancels a pending wait; its handler runs with operation_aborted. Returns whether one was
  // pending.
  bool cancel();

  std::int64_t now_ns() const;
  std::int64_t deadline() const { return deadline_; }
  bool waiting() const { return static_cast<bool>(handler_); }

 private:
  friend class virtual_time;
  void arm_real();
  void fire(boost::system::error_code ec);

  boost::asio::io_context& io_;
  const core::clock& clock_;
  virtual_time* virtual_ = nullptr;
  boost::asio::steady_timer steady_;
  std::int64_t deadline_ = 0;
  handler handler_;
  std::uint64_t generation_ = 0;  // tells a stale steady_timer completion from the current wait
  std::shared_ptr<clock_timer*>
      self_;  // completions hold a weak_ptr: a destroyed timer is left alone
};

}  // namespace strike::daemon
