// The order_book_lag_ms fault: orders the client's books do not show yet. A placed order is
// live at once (it fills, it can be modified or cancelled, its updates stream), but the order
// book, the trade book and the order-details lookup leave it out until a real-time deadline,
// as a broker whose books trail its exchange gateway would. Time comes from the caller (the
// simulator's real clock), so tests can hold it still. Not thread-safe: the reactor calls it.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>

namespace strike::sim {

class book_lag {
 public:
  // orderid stays out of the books until real time until_ns.
  void hide(const std::string& orderid, std::int64_t until_ns);
  // Whether orderid is still out of the books at now_ns.
  bool hidden(std::string_view orderid, std::int64_t now_ns) const;
  // Forgets the orders whose deadline has passed: the table holds only orders placed within
  // the last lag, never more than the matching engine holds.
  void expire(std::int64_t now_ns);

 private:
  std::map<std::string, std::int64_t, std::less<>> until_;  // orderid -> real time it shows
};

}  // namespace strike::sim
