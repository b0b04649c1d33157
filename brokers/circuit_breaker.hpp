// A circuit breaker for one group of broker endpoints. Closed: requests flow and consecutive
// failures are counted. After `failure_threshold` of them it opens: requests fail at once for
// `cool_down_ns`. Then it is half-open: exactly one probe request goes; its success closes the
// breaker, its failure opens it again for another cool-down.
//
// Pure: callers pass the steady time. Every state change is reported to on_change (the client
// turns it into a BrokerBreakerChanged event).
#pragma once

#include <cstdint>
#include <functional>
#include <string>

#include "events/enums.hpp"

namespace strike::brokers {

struct breaker_policy {
  std::int64_t failure_threshold = 5;
  std::int64_t cool_down_ns = 30'000'000'000;
  // Urgent requests (exits) may probe an open breaker this often: a position must never wait
  // out a whole cool-down to be closed.
  std::int64_t urgent_probe_ns = 1'000'000'000;
};

class circuit_breaker {
 public:
  // state, consecutive failures that led to it
  using listener = std::function<void(events::breaker_state, std::int64_t)>;

  circuit_breaker(breaker_policy policy, listener on_change);

  // Whether a request may be sent now. In the half-open state only the first caller gets true
  // (the probe); the others get false until the probe reports.
  bool allow(std::int64_t now_ns);
  // The same for an urgent request, which may also go through an open breaker (as a probe) once
  // per urgent_probe_ns.
  bool allow_urgent(std::int64_t now_ns);
  void record_success();
  void record_failure(std::int64_t now_ns);
  // The probe ended without telling us anything (e.g. the request was never sent): let the next
  // caller probe instead.
  void release_probe();

  events::breaker_state state() const { return state_; }
  std::int64_t consecutive_failures() const { return failures_; }
  // When an open breaker lets a probe through.
  std::int64_t retry_at_ns() const { return open_until_ns_; }

 private:
  void change(events::breaker_state s);

  breaker_policy policy_;
  listener on_change_;
  events::breaker_state state_ = events::breaker_state::closed;
  std::int64_t failures_ = 0;
  std::int64_t open_until_ns_ = 0;
  bool probe_in_flight_ = false;
  std::int64_t last_urgent_ns_ = 0;
};

}  // namespace strike::brokers
