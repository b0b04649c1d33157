// SmartAPI's per-client rate limits: fixed one-second, one-minute and one-hour windows per
// (client code, endpoint group). Only admitted requests count. Time comes from the caller
// (the simulator's real-time clock), so tests can hold it still.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <utility>

namespace strike::sim {

struct rate_limit {
  int per_second = 0;  // 0 = no limit at this scale
  int per_minute = 0;
  int per_hour = 0;
};

// The documented limits by endpoint group. Group names are the endpoint names of the API
// ("loginByPassword", "getOrderBook", ...) except "orders", shared by place, modify and cancel.
rate_limit limit_for(std::string_view group);
// The group an endpoint counts against.
std::string_view rate_group(std::string_view endpoint);

class rate_limiter {
 public:
  // Whether one more request of group by client may go ahead at now_ns; counts it if so.
  bool admit(std::string_view client, std::string_view group, std::int64_t now_ns);

 private:
  struct window {
    std::int64_t index = -1;
    int count = 0;
  };
  struct counters {
    window second, minute, hour;
  };
  std::map<std::pair<std::string, std::string>, counters, std::less<>> counters_;
};

}  // namespace strike::sim
