// Time in the engine's integer nanoseconds, spelt as a test reads it: 750 * ms, 10 * s.
#pragma once

#include <cstdint>

#include "core/clock.hpp"

namespace strike::test::units {

inline constexpr std::int64_t ms = core::ns_per_ms;
inline constexpr std::int64_t s = core::ns_per_s;

}  // namespace strike::test::units
