#include "brokers/backoff.hpp"

#include <algorithm>

namespace strike::brokers {

backoff::backoff(backoff_policy policy, std::uint64_t seed) : policy_(policy), rng_(seed) {}

std::int64_t backoff::nominal_ns(std::int64_t retry) const {
  std::int64_t d = policy_.initial_ns;
  for (std::int64_t i = 1; i < retry && d < policy_.max_ns; ++i) d *= 2;
  return std::min(d, policy_.max_ns);
}

std::int64_t backoff::delay_ns(std::int64_t retry) {
  const std::int64_t nominal = nominal_ns(retry);
  const std::int64_t spread = nominal * std::clamp<std::int64_t>(policy_.jitter_percent, 0, 100) / 100;
  if (spread == 0) return nominal;
  std::uniform_int_distribution<std::int64_t> jitter(-spread, spread);
  return std::max<std::int64_t>(0, nominal + jitter(rng_));
}

}  // namespace strike::brokers
