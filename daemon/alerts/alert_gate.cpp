#include "daemon/alerts/alert_gate.hpp"

#include <algorithm>

#include "core/mul_div.hpp"

namespace strike::daemon {

namespace {

constexpr std::int64_t micro = 1'000'000;
constexpr std::int64_t ns_per_minute = 60'000'000'000;
constexpr std::size_t keys_kept = 4096;

}  // namespace

alert_gate::alert_gate(std::int64_t dedup_ns, std::int64_t max_per_minute)
    : dedup_ns_(dedup_ns), capacity_(max_per_minute * micro), tokens_micro_(capacity_) {}

void alert_gate::refill(std::int64_t ts) {
  if (refilled_ts_ == 0 || ts < refilled_ts_) {
    refilled_ts_ = ts;
    return;
  }
  const std::int64_t earned = core::mul_div(ts - refilled_ts_, capacity_, ns_per_minute);
  if (earned <= 0) return;
  tokens_micro_ = std::min(capacity_, tokens_micro_ + earned);
  refilled_ts_ = ts;
}

void alert_gate::forget_before(std::int64_t ts) {
  std::erase_if(seen_, [&](const auto& kv) { return kv.second.sent_ts < ts; });
}

alert_gate::verdict alert_gate::admit(alert& a) {
  auto it = seen_.find(a.key);
  if (it != seen_.end() && dedup_ns_ > 0 && a.ts - it->second.sent_ts < dedup_ns_) {
    ++it->second.held;
    ++duplicates_;
    return verdict::duplicate;
  }
  refill(a.ts);
  const bool has_token = tokens_micro_ >= micro;
  if (!has_token && a.severity != alert_severity::critical) {
    ++held_by_rate_;
    ++rate_limited_;
    return verdict::rate_limited;
  }
  if (has_token) tokens_micro_ -= micro;
  if (seen_.size() >= keys_kept) forget_before(a.ts - dedup_ns_);
  seen& s = seen_[a.key];
  a.duplicates = s.held;
  a.rate_limited = held_by_rate_;
  s = {a.ts, 0};
  held_by_rate_ = 0;
  return verdict::send;
}

}  // namespace strike::daemon
