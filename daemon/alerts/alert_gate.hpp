// De-duplication and rate limiting, on the events' own clock so that a replayed or accelerated
// day behaves as the real one. A flapping feed sends one alert per window, carrying the count
// of the ones it stood for; a storm of alerts of every kind is held to max_per_minute, except
// critical ones, which always go.
#pragma once

#include <cstdint>
#include <map>
#include <string>

#include "daemon/alerts/alert.hpp"

namespace strike::daemon {

class alert_gate {
 public:
  enum class verdict { send, duplicate, rate_limited };

  alert_gate(std::int64_t dedup_ns, std::int64_t max_per_minute);

  // Decides on a (its key, severity and ts); when it is to be sent, fills in what was held back
  // since the last one.
  verdict admit(alert& a);

  std::int64_t duplicates() const { return duplicates_; }
  std::int64_t rate_limited() const { return rate_limited_; }

 private:
  struct seen {
    std::int64_t sent_ts = 0;
    std::int64_t held = 0;  // duplicates since sent_ts
  };
  void refill(std::int64_t ts);
  void forget_before(std::int64_t ts);

  std::int64_t dedup_ns_;
  std::int64_t capacity_;
  std::map<std::string, seen> seen_;
  // Tokens in millionths, refilled continuously at max_per_minute per minute.
  std::int64_t tokens_micro_;
  std::int64_t refilled_ts_ = 0;
  std::int64_t held_by_rate_ = 0;  // since the last alert sent
  std::int64_t duplicates_ = 0;
  std::int64_t rate_limited_ = 0;
};

}  // namespace strike::daemon
