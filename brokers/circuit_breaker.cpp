#include "brokers/circuit_breaker.hpp"

namespace strike::brokers {

using events::breaker_state;

circuit_breaker::circuit_breaker(breaker_policy policy, listener on_change)
    : policy_(policy), on_change_(std::move(on_change)) {}

void circuit_breaker::change(breaker_state s) {
  if (s == state_) return;
  state_ = s;
  if (on_change_) on_change_(s, failures_);
}

bool circuit_breaker::allow(std::int64_t now_ns) {
  switch (state_) {
    case breaker_state::closed:
      return true;
    case breaker_state::open:
      if (now_ns < open_until_ns_) return false;
      change(breaker_state::half_open);
      probe_in_flight_ = true;
      return true;
    case breaker_state::half_open:
      if (probe_in_flight_) return false;
      probe_in_flight_ = true;
      return true;
  }
  return false;
}

bool circuit_breaker::allow_urgent(std::int64_t now_ns) {
  if (allow(now_ns)) return true;
  if (last_urgent_ns_ != 0 && now_ns - last_urgent_ns_ < policy_.urgent_probe_ns) return false;
  last_urgent_ns_ = now_ns;
  return true;
}

void circuit_breaker::record_success() {
  probe_in_flight_ = false;
  failures_ = 0;
  change(breaker_state::closed);
}

void circuit_breaker::record_failure(std::int64_t now_ns) {
  ++failures_;
  if (state_ == breaker_state::half_open || failures_ >= policy_.failure_threshold) {
    probe_in_flight_ = false;
    open_until_ns_ = now_ns + policy_.cool_down_ns;
    if (state_ == breaker_state::open) return;  // a late failure of a request sent before opening
    change(breaker_state::open);
  }
}

void circuit_breaker::release_probe() { probe_in_flight_ = false; }

}  // namespace strike::brokers
