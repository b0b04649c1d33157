// What a reconciliation compares: the broker's three books, read one after the other, and the
// differences between them and the journal, named so that two reads can be compared.
//
// While trading, the books lag and requests are in flight, so not every difference is one:
//   - an order whose place, modify or cancel is in flight (submitted, unknown, or a modify or
//     cancel pending) is the executor's, not reconciliation's;
//   - a fill is missed only when the order book counts more filled than the journal holds and the
//     trade book names a fill the journal lacks (a fill the order feed announced but the trade
//     book does not show yet is neither);
//   - a position is compared only on a quiet instrument: no order of the journal's on it still
//     working, nothing working at the broker on it, and every fill the order book counts on it
//     journaled.
// find_differences applies those rules. (At start-up nothing is in flight yet: every difference
// counts, and the reconciler does not ask.)
#pragma once

#include <boost/asio/awaitable.hpp>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "brokers/broker.hpp"
#include "core/state.hpp"

namespace strike::daemon {

struct broker_books {
  std::vector<brokers::order_info> orders;
  std::vector<brokers::trade_info> trades;
  std::vector<brokers::position_info> positions;
};

// Reads the order book, the trade book and the positions, in that order. Fails when any read
// does.
boost::asio::awaitable<result<broker_books>> read_books(brokers::broker& broker);

// The order book by our tag and by the broker's id, indexed once per read of the books.
class order_rows {
 public:
  explicit order_rows(const std::vector<brokers::order_info>& book);
  // The broker's row of a journal order: the first by our tag, or by the broker's id once known.
  const brokers::order_info* find(const std::string& key, const core::order_record& o) const;

 private:
  std::map<std::string_view, const brokers::order_info*> by_tag_, by_id_;
};

// An order the journal holds working (or sent) whose place, modify or cancel is not in flight.
bool order_settled(const core::order_record& o);

struct differences {
  // By order key: "fill_missed", "status_missed" or "order_unknown_at_broker".
  std::map<std::string, std::string> orders;
  // By instrument: (the journal's quantity, the broker's).
  std::map<std::string, std::pair<std::int64_t, std::int64_t>> positions;
  std::int64_t orders_checked = 0;

  bool empty() const { return orders.empty() && positions.empty(); }
  // The differences both sets hold, alike.
  differences common_with(const differences& other) const;
};

differences find_differences(const core::state& state, const broker_books& b);

}  // namespace strike::daemon
