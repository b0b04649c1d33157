// Token buckets for a broker's published request limits ("9 per second, 500 per minute").
// Pure: every call takes the current steady time, so tests drive it with plain numbers.
#pragma once

#include <cstdint>
#include <vector>

namespace strike::brokers {

// One limit: `count` requests per `period_ns`. The bucket holds at most `count` tokens and
// refills continuously at count / period.
struct rate {
  std::int64_t count = 0;  // 0 = unlimited
  std::int64_t period_ns = 0;
};

class token_bucket {
 public:
  token_bucket(rate r, std::int64_t now_ns);

  // Nanoseconds until a token is available at now_ns; 0 when one is available now.
  std::int64_t wait_ns(std::int64_t now_ns);
  // Takes a token; call only when wait_ns(now_ns) returned 0.
  void take(std::int64_t now_ns);

 private:
  void refill(std::int64_t now_ns);

  rate rate_;
  // Tokens are counted in units of 1/count of a period to stay in integers: one token is
  // period_ns units, and each nanosecond adds `count` units.
  std::int64_t units_ = 0;
  std::int64_t capacity_units_ = 0;
  std::int64_t last_ns_ = 0;
};

// Several limits that must all hold (per second, per minute, per hour).
class rate_limit {
 public:
  rate_limit(const std::vector<rate>& rates, std::int64_t now_ns);

  // 0 and a token taken from every bucket when all have one; otherwise the nanoseconds to wait
  // before asking again, and nothing taken.
  std::int64_t try_take(std::int64_t now_ns);

 private:
  std::vector<token_bucket> buckets_;
};

}  // namespace strike::brokers
