// Deterministic randomness for the simulator: the same seed gives the same numbers on every
// machine (std::normal_distribution is not specified bit for bit, so it is not used).
#pragma once

#include <cmath>
#include <cstdint>

namespace strike::sim {

inline std::uint64_t mix64(std::uint64_t z) {
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

// A stateless hash of several words, for counter-based draws (price at step k of day n).
inline std::uint64_t hash_words(std::uint64_t a, std::uint64_t b, std::uint64_t c = 0,
                                std::uint64_t d = 0) {
  std::uint64_t h = mix64(a + 0x9E3779B97F4A7C15ULL);
  h = mix64(h ^ (b + 0x632BE59BD9B4E019ULL));
  h = mix64(h ^ (c + 0x8CB92BA72F3D8DD7ULL));
  return mix64(h ^ (d + 0x2545F4914F6CDD1DULL));
}

// Uniform in (0, 1).
inline double unit_interval(std::uint64_t h) {
  return (static_cast<double>(h >> 11) + 0.5) * (1.0 / 9007199254740992.0);
}

// A standard normal draw from one hash (Box-Muller over its two halves).
inline double standard_normal(std::uint64_t h) {
  const double u1 = unit_interval(h);
  const double u2 = unit_interval(mix64(h ^ 0xD1B54A32D192ED03ULL));
  return std::sqrt(-2.0 * std::log(u1)) * std::cos(6.283185307179586 * u2);
}

// A sequential generator for ids and fault decisions.
class splitmix64 {
 public:
  explicit splitmix64(std::uint64_t seed) : state_(seed) {}
  std::uint64_t next() { return mix64(state_ += 0x9E3779B97F4A7C15ULL); }
  double uniform() { return unit_interval(next()); }

 private:
  std::uint64_t state_;
};

}  // namespace strike::sim
