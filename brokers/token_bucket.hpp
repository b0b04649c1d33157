// Token buckets for a broker's published request limits ("9 per second, 500 per minute").
//
// A bucket holds `count` tokens and a spent token comes back exactly one period (plus a small
// margin) after it was spent. Unlike a bucket that refills continuously, this never lets more
// than `count` requests into any interval of one period, so a server counting in fixed windows
// (as Angel One's gateway does) never sees more than its limit; a full bucket still allows a
// burst of `count`.
//
// Pure: every call takes the current steady time, so tests drive it with plain numbers.
#pragma once

#include <cstdint>
#include <vector>

namespace strike::brokers {

// One limit: `count` requests per `period_ns`.
struct rate {
  std::int64_t count = 0;  // 0 = unlimited
  std::int64_t period_ns = 0;
};

class token_bucket {
 public:
  // margin_ns is added to the period, to absorb the difference between our send time and the
  // server's receive time.
  explicit token_bucket(rate r, std::int64_t margin_ns = 0);

  // Nanoseconds until a token is available at now_ns; 0 when one is available now.
  std::int64_t wait_ns(std::int64_t now_ns) const;
  // Spends a token; call only when wait_ns(now_ns) returned 0.
  void take(std::int64_t now_ns);

 private:
  rate rate_;
  std::int64_t period_ns_;
  // When each spent token was spent, oldest first, as a ring of `count` entries.
  std::vector<std::int64_t> spent_;
  std::size_t next_ = 0;  // the oldest entry once the ring is full
};

// Several limits that must all hold (per second, per minute, per hour).
class rate_limit {
 public:
  explicit rate_limit(const std::vector<rate>& rates, std::int64_t margin_ns = 0);

  // 0 and a token spent from every bucket when all have one; otherwise the nanoseconds to wait
  // before asking again, and nothing spent.
  std::int64_t try_take(std::int64_t now_ns);

 private:
  std::vector<token_bucket> buckets_;
};

}  // namespace strike::brokers
