// a × b / d on 64-bit integers without overflow (a 128-bit intermediate), for money arithmetic
// in paise: rates, percentages and pro-rata shares.
#pragma once

#include <cstdint>

namespace strike::core {

__extension__ using int128 = __int128;

// Truncates toward zero, as C++ division does.
inline std::int64_t mul_div(std::int64_t a, std::int64_t b, std::int64_t d) {
  return static_cast<std::int64_t>(static_cast<int128>(a) * b / d);
}

// Rounds half away from zero. d must be positive.
inline std::int64_t mul_div_round(std::int64_t a, std::int64_t b, std::int64_t d) {
  const int128 p = static_cast<int128>(a) * b;
  return static_cast<std::int64_t>(p >= 0 ? (p + d / 2) / d : -((-p + d / 2) / d));
}

}  // namespace strike::core
