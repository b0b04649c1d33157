// Turns the order-update stream into (order, fill) pairs, each update once.
//
// An update names its order's latest fill id and cumulative filled quantity and average price,
// not the fill's own size and price. Those follow from two consecutive updates of the same
// order: size = filled - filled before, price = (value - value before) / size, rounded to the
// instrument's tick when the averages were rounded. That is one fill only when no update of the
// order was missed in between, so fills are derived only between updates received on the same
// connection: the first update of an order on a connection (after reset()) is a baseline and
// yields no fill; the fills it counts come from the trade book, which the daemon polls. (Whether
// the broker ever folds two fills into one update is undocumented; the simulator does not.)
//
// Repeats: an update equal in every field this reads to the last one of its order is dropped.
//
// Bounded: at most max_orders orders are tracked; past that the least recently updated one is
// forgotten (it then yields no fills, as after a reconnect).
#pragma once

#include <cstdint>
#include <functional>
#include <list>
#include <optional>
#include <string>
#include <unordered_map>

#include "brokers/angelone/order_feed/order_update_parser.hpp"

namespace strike::brokers::angelone {

// Products of wire values (average price x quantity) need more than 64 bits to be safe.
__extension__ using wide_int = __int128;

class fill_tracker {
 public:
  enum class verdict { fresh, repeat };
  // The tick size of an instrument in paise, for rounding derived fill prices; 5 when unknown.
  using tick_lookup = std::function<std::int64_t(const std::string& instrument)>;

  explicit fill_tracker(tick_lookup ticks = {}, std::size_t max_orders = 10'000)
      : ticks_(std::move(ticks)), max_orders_(max_orders) {}

  // Whether u (which must carry an order) is new; when it is and it shows a fill that follows
  // from the previous update, that fill.
  verdict on_update(const order_update& u, std::optional<trade_info>& fill);
  // The connection changed: updates may have been missed.
  void reset();
  std::size_t tracked() const { return orders_.size(); }

 private:
  struct seen {
    std::string signature;     // the fields compared for repeats
    std::int64_t filled = 0;
    wide_int value = 0;        // filled x average price, paise
    std::string fill_id;
    bool continuous = false;   // a baseline from the current connection
    std::list<std::string>::iterator age;
  };

  std::int64_t tick_of(const std::string& instrument) const;
  seen& slot(const std::string& broker_id, bool& created);

  tick_lookup ticks_;
  std::size_t max_orders_;
  std::unordered_map<std::string, seen> orders_;
  std::list<std::string> by_age_;  // least recently updated first
};

}  // namespace strike::brokers::angelone
