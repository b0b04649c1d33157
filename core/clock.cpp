#include "core/clock.hpp"

#include <chrono>

namespace strike::core {

std::int64_t system_clock::now_ns() const {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace strike::core
