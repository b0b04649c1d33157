// Where "now" comes from. Everything that stamps or schedules by time asks a clock, so the same
// code runs on the system clock, a virtual clock in replay and backtest, or a scaled clock.
#pragma once

#include <cstdint>

namespace strike::core {

class clock {
 public:
  virtual ~clock() = default;
  // UTC nanoseconds since the Unix epoch.
  virtual std::int64_t now_ns() const = 0;
};

// The operating system's real-time clock.
class system_clock final : public clock {
 public:
  std::int64_t now_ns() const override;
};

inline constexpr std::int64_t ns_per_ms = 1'000'000;
inline constexpr std::int64_t ns_per_s = 1'000'000'000;

}  // namespace strike::core
