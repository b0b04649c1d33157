#include "sim/book_lag.hpp"

namespace strike::sim {

void book_lag::hide(const std::string& orderid, std::int64_t until_ns) {
  until_[orderid] = until_ns;
}

bool book_lag::hidden(std::string_view orderid, std::int64_t now_ns) const {
  const auto it = until_.find(orderid);
  return it != until_.end() && now_ns < it->second;
}

void book_lag::expire(std::int64_t now_ns) {
  std::erase_if(until_, [now_ns](const auto& entry) { return entry.second <= now_ns; });
}

}  // namespace strike::sim
