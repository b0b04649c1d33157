// Exponential backoff with jitter: attempt 1 waits about `initial`, each later attempt twice
// the one before, never more than `max`. Jitter spreads each delay uniformly over
// ±jitter_percent so that clients failing together do not retry together.
#pragma once

#include <cstdint>
#include <random>

namespace strike::brokers {

struct backoff_policy {
  std::int64_t initial_ns = 750'000'000;  // 750 ms, 1.5 s, 3 s, ...
  std::int64_t max_ns = 3'000'000'000;
  std::int64_t jitter_percent = 20;
};

class backoff {
 public:
  // seed fixes the jitter sequence (tests); production seeds from std::random_device.
  backoff(backoff_policy policy, std::uint64_t seed);

  // Delay before retry number `retry` (1 = the first retry).
  std::int64_t delay_ns(std::int64_t retry);
  // The same without jitter: the centre of the range delay_ns() draws from.
  std::int64_t nominal_ns(std::int64_t retry) const;

  const backoff_policy& policy() const { return policy_; }

 private:
  backoff_policy policy_;
  std::mt19937_64 rng_;
};

}  // namespace strike::brokers
