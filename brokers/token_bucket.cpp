#include "brokers/token_bucket.hpp"

#include <algorithm>
#include <cassert>

namespace strike::brokers {

token_bucket::token_bucket(rate r, std::int64_t now_ns) : rate_(r), last_ns_(now_ns) {
  assert(r.count >= 0 && (r.count == 0 || r.period_ns > 0));
  capacity_units_ = r.count * r.period_ns;
  units_ = capacity_units_;
}

void token_bucket::refill(std::int64_t now_ns) {
  if (now_ns <= last_ns_) return;
  const std::int64_t elapsed = now_ns - last_ns_;
  last_ns_ = now_ns;
  // Cap before multiplying so a long idle gap cannot overflow.
  if (elapsed >= rate_.period_ns) {
    units_ = capacity_units_;
    return;
  }
  units_ = std::min(capacity_units_, units_ + elapsed * rate_.count);
}

std::int64_t token_bucket::wait_ns(std::int64_t now_ns) {
  if (rate_.count == 0) return 0;
  refill(now_ns);
  const std::int64_t missing = rate_.period_ns - units_;
  if (missing <= 0) return 0;
  return (missing + rate_.count - 1) / rate_.count;
}

void token_bucket::take(std::int64_t now_ns) {
  if (rate_.count == 0) return;
  refill(now_ns);
  assert(units_ >= rate_.period_ns);
  units_ -= rate_.period_ns;
}

rate_limit::rate_limit(const std::vector<rate>& rates, std::int64_t now_ns) {
  for (const auto& r : rates)
    if (r.count > 0) buckets_.emplace_back(r, now_ns);
}

std::int64_t rate_limit::try_take(std::int64_t now_ns) {
  std::int64_t wait = 0;
  for (auto& b : buckets_) wait = std::max(wait, b.wait_ns(now_ns));
  if (wait > 0) return wait;
  for (auto& b : buckets_) b.take(now_ns);
  return 0;
}

}  // namespace strike::brokers
