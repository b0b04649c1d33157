// a × b / d on 64-bit integers without overflow (a 128-bit intermediate), for money arithmetic
// in paise: rates, percentages and pro-rata shares.
#pragma once

#include <cstdint>
#include <limits>

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

// Saturating arithmetic for the fold: real money never comes near the limits, but a journal
// line is input, and folding it must never be undefined behaviour.
inline std::int64_t sat_add(std::int64_t a, std::int64_t b) {
  std::int64_t r;
  if (!__builtin_add_overflow(a, b, &r)) return r;
  return b > 0 ? INT64_MAX : INT64_MIN;
}
inline std::int64_t sat_sub(std::int64_t a, std::int64_t b) {
  std::int64_t r;
  if (!__builtin_sub_overflow(a, b, &r)) return r;
  return b < 0 ? INT64_MAX : INT64_MIN;
}
inline std::int64_t sat_mul(std::int64_t a, std::int64_t b) {
  std::int64_t r;
  if (!__builtin_mul_overflow(a, b, &r)) return r;
  return (a < 0) != (b < 0) ? INT64_MIN : INT64_MAX;
}
inline std::int64_t sat_neg(std::int64_t a) { return a == INT64_MIN ? INT64_MAX : -a; }
inline std::int64_t sat_abs(std::int64_t a) { return a < 0 ? sat_neg(a) : a; }

}  // namespace strike::core
