// Where "now" comes from. Everything that stamps or schedules by time asks a clock, so the same
// code runs on the system clock, on a virtual clock in replay and backtest, or on a scaled clock
// that plays a market day at N times real speed.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <vector>

namespace strike::core {

inline constexpr std::int64_t ns_per_ms = 1'000'000;
inline constexpr std::int64_t ns_per_s = 1'000'000'000;

class clock {
 public:
  virtual ~clock() = default;
  // UTC nanoseconds since the Unix epoch, as this clock sees it.
  virtual std::int64_t now_ns() const = 0;
  // Real (steady) nanoseconds until the clock reads t; <= 0 when it already has. A virtual
  // clock has no real-time relation and returns -1 for any future t: it moves only when told.
  virtual std::int64_t real_ns_until(std::int64_t t) const = 0;
};

// The operating system's real-time clock.
class system_clock final : public clock {
 public:
  std::int64_t now_ns() const override;
  std::int64_t real_ns_until(std::int64_t t) const override { return t - now_ns(); }
};

// Time that moves only when told to, e.g. to each replayed event's timestamp. Never goes
// backwards: advance_to an earlier time is ignored. Any thread may read it.
class virtual_clock final : public clock {
 public:
  explicit virtual_clock(std::int64_t start_ns = 0) : now_(start_ns) {}
  std::int64_t now_ns() const override { return now_.load(std::memory_order_acquire); }
  std::int64_t real_ns_until(std::int64_t t) const override { return t <= now_ns() ? 0 : -1; }
  void advance_to(std::int64_t t);
  void advance_by(std::int64_t dt) { advance_to(now_ns() + dt); }

 private:
  std::atomic<std::int64_t> now_;
};

// Wall time mapped onto a chosen market start at `speed` times real speed: market time is
// market_start + (steady_now - steady_start) * speed. Used by the demo and the simulator to run
// a trading day in minutes. Based on the steady clock, so it is immune to wall-clock jumps.
//
// With a closed_speed the clock runs at `speed` only in market hours (Monday to Friday,
// 09:00-15:45 IST, a margin around the session for log-in and the end-of-day work) and at
// closed_speed the rest of the time, so a run crosses nights and weekends in seconds. The
// windows depend on the weekday alone, not on a holiday list, so a simulator and a daemon that
// disagree about holidays still read the same time; a holiday plays at `speed`.
class scaled_clock final : public clock {
 public:
  scaled_clock(std::int64_t market_start_ns, double speed);
  // The same, with market_start_ns falling at the UTC wall-clock instant wall_anchor_ns rather
  // than at construction (0: at construction): two processes given the same start, speeds and
  // anchor read the same market time (the demo runs the simulator and the daemon this way).
  scaled_clock(std::int64_t market_start_ns, double speed, std::int64_t wall_anchor_ns,
               double closed_speed = 0);
  std::int64_t now_ns() const override;
  std::int64_t real_ns_until(std::int64_t t) const override;
  double speed() const { return speed_; }

  // The first and last IST minute of the window played at `speed`.
  static constexpr int open_window_from = 9 * 60;
  static constexpr int open_window_to = 15 * 60 + 45;

 private:
  // From real_ns (since steady_start_) on, market time moves at `rate` from market_ns.
  struct knot {
    double real_ns;
    std::int64_t market_ns;
    double rate;
  };
  std::int64_t market_at(double real_ns) const;
  double real_at(std::int64_t market_ns) const;

  std::chrono::steady_clock::time_point steady_start_;
  double speed_;
  std::vector<knot> knots_;  // ascending; the last runs on for ever
};

}  // namespace strike::core
