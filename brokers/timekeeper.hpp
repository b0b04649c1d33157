// Where the broker client's time comes from: the steady clock for rate limits, backoff and
// circuit breakers, the wall clock for session expiry, and waiting. Tests inject
// virtual_timekeeper so that a 3-second backoff or a 30-second breaker cool-down costs no real
// time; production uses real_timekeeper.
#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <cstdint>

#include "core/clock.hpp"

namespace strike::brokers {

class timekeeper {
 public:
  virtual ~timekeeper() = default;
  // Monotonic nanoseconds; only differences mean anything.
  virtual std::int64_t steady_ns() const = 0;
  // UTC nanoseconds since the Unix epoch, as the world reads them (TOTP codes need this).
  virtual std::int64_t utc_ns() const = 0;
  // The exchange's time: the trading date, when today's tokens end, which day's instrument
  // master is current. The same as utc_ns() but on a scaled market clock.
  virtual std::int64_t market_ns() const { return utc_ns(); }
  // Completes after ns of steady time have passed (at once when ns <= 0).
  virtual boost::asio::awaitable<void> wait(std::int64_t ns) = 0;
};

// The steady clock and Asio timers; UTC from `wall`, market time from `market` (wall when
// null). Both must outlive this object.
class real_timekeeper final : public timekeeper {
 public:
  explicit real_timekeeper(const core::clock& wall, const core::clock* market = nullptr)
      : wall_(wall), market_(market ? *market : wall) {}
  std::int64_t steady_ns() const override;
  std::int64_t utc_ns() const override { return wall_.now_ns(); }
  std::int64_t market_ns() const override { return market_.now_ns(); }
  boost::asio::awaitable<void> wait(std::int64_t ns) override;

 private:
  const core::clock& wall_;
  const core::clock& market_;
};

// Both clocks read `clock` (which must outlive this object); wait() advances it by the wait
// and yields to the executor once, so concurrent coroutines still interleave.
class virtual_timekeeper final : public timekeeper {
 public:
  explicit virtual_timekeeper(core::virtual_clock& clock) : clock_(clock) {}
  std::int64_t steady_ns() const override { return clock_.now_ns(); }
  std::int64_t utc_ns() const override { return clock_.now_ns(); }
  boost::asio::awaitable<void> wait(std::int64_t ns) override;

  std::int64_t waited_ns() const { return waited_ns_; }  // total of every wait so far
  std::int64_t waits() const { return waits_; }

 private:
  core::virtual_clock& clock_;
  std::int64_t waited_ns_ = 0;
  std::int64_t waits_ = 0;
};

}  // namespace strike::brokers
