#include "brokers/token_bucket.hpp"

#include <algorithm>
#include <cassert>

namespace strike::brokers {

token_bucket::token_bucket(rate r, std::int64_t margin_ns)
    : rate_(r), period_ns_(r.period_ns + margin_ns) {
  assert(r.count >= 0 && (r.count == 0 || r.period_ns > 0));
  spent_.reserve(static_cast<std::size_t>(r.count));
}

std::int64_t token_bucket::wait_ns(std::int64_t now_ns) const {
  if (rate_.count == 0 || spent_.size() < static_cast<std::size_t>(rate_.count)) return 0;
  const std::int64_t back_at = spent_[next_] + period_ns_;
  return std::max<std::int64_t>(0, back_at - now_ns);
}

void token_bucket::take(std::int64_t now_ns) {
  if (rate_.count == 0) return;
  assert(wait_ns(now_ns) == 0);
  if (spent_.size() < static_cast<std::size_t>(rate_.count)) {
    spent_.push_back(now_ns);
    return;
  }
  spent_[next_] = now_ns;
  next_ = (next_ + 1) % spent_.size();
}

rate_limit::rate_limit(const std::vector<rate>& rates, std::int64_t margin_ns) {
  for (const auto& r : rates)
    if (r.count > 0) buckets_.emplace_back(r, margin_ns);
}

std::int64_t rate_limit::try_take(std::int64_t now_ns) {
  std::int64_t wait = 0;
  for (const auto& b : buckets_) wait = std::max(wait, b.wait_ns(now_ns));
  if (wait > 0) return wait;
  for (auto& b : buckets_) b.take(now_ns);
  return 0;
}

}  // namespace strike::brokers
