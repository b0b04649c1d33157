// The order executor's reading of the broker's books: fills and statuses from the trade and
// order books (polled while orders work), the order feed and the paper book, journaled once each;
// a second order under one of our tags adopted and cancelled.
#include <spdlog/spdlog.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <map>

#include "daemon/order_executor.hpp"

namespace strike::daemon {

namespace asio = boost::asio;
namespace ev = strike::events;
using core::order_status;

void order_executor::publish_fill(const std::string& key, const brokers::trade_info& t,
                                  std::int64_t broker_filled, const std::string& source) {
  auto it = state_.orders.find(key);
  if (it == state_.orders.end() || t.fill_id.empty() || t.qty <= 0) return;
  const std::string event_key = key + "/" + t.fill_id;
  if (state_.keys.contains(event_key)) return;  // recorded already, from another source
  const core::order_record& o = it->second;
  const std::int64_t filled = o.filled_qty + t.qty;
  // The order's quantity, and what the broker itself says is filled, bound what we record: a
  // fill that would pass either is a double count (or the broker's books disagree for now), so
  // it waits for the next read of the books rather than being recorded in part.
  if (filled > o.qty || filled > broker_filled) {
    SPDLOG_WARN(
        "executor: fill {} of {} ({} units) not recorded: {} filled of {}, the broker says {}",
        t.fill_id, key, t.qty, o.filled_qty, o.qty, broker_filled);
    return;
  }
  const auto charges = core::trading::charges_for_fill(config_.charges, o.side, t.qty,
                                                       t.price_paise, o.filled_qty == 0);
  publish(ev::order_filled{key, t.fill_id, t.qty, t.price_paise, filled,
                           std::max<std::int64_t>(o.qty - filled, 0), charges.total(), source},
          {.key = event_key, .corr = key});
}

std::optional<std::string> order_executor::key_of(const brokers::order_info& info) const {
  for (const auto& [key, o] : state_.orders)
    if (!o.broker_id.empty() && o.broker_id == info.broker_id) return key;
  // By tag only while the order has no broker id: a second order with the same tag and another
  // id is a duplicate, not this order (see adopt_duplicate).
  if (auto it = state_.orders.find(info.tag);
      !info.tag.empty() && it != state_.orders.end() && it->second.broker_id.empty())
    return info.tag;
  return std::nullopt;
}

void order_executor::apply_update(const brokers::order_info& info,
                                  const std::optional<brokers::trade_info>& trade,
                                  const std::string& source) {
  const auto key = key_of(info);
  if (!key) {
    if (auto dup = state_.orders.find(info.tag); !info.tag.empty() && dup != state_.orders.end())
      adopt_duplicate(info);
    return;  // not ours: reconciliation reports those
  }
  auto it = state_.orders.find(*key);
  if (it->second.broker_id.empty() && !info.broker_id.empty() &&
      !core::is_terminal(it->second.status))
    publish(ev::order_accepted{*key, info.broker_id}, {.key = *key + "/accepted", .corr = *key});
  if (trade) {
    // The trade book is the one source of fill quantities: an order update names only the
    // latest fill of what may be several, so the stream prompts a read of the books instead.
    if (source == "stream")
      poll_soon();
    else
      publish_fill(*key, *trade, info.filled_qty, source);
  }
  const core::order_record& o = state_.orders.at(*key);
  if (core::is_terminal(o.status)) return;
  // A final status is journaled only once every fill it counts is: otherwise the trade book
  // is read first (by the next poll).
  if (info.filled_qty > o.filled_qty) {
    if (source == "stream") poll_soon();
    return;
  }
  switch (info.state) {
    case brokers::order_state::rejected:
      publish(ev::order_rejected{*key, "rejected", info.reason},
              {.key = *key + "/rejected", .corr = *key});
      break;
    case brokers::order_state::cancelled:
      if (o.pending == core::order_pending::cancel || o.status == order_status::submitted ||
          o.status == order_status::accepted || o.status == order_status::partially_filled)
        publish(ev::order_cancelled{*key, o.filled_qty,
                                    info.reason.empty() ? "cancelled" : info.reason},
                {.key = *key + "/cancelled", .corr = *key});
      break;
    default:
      break;
  }
}

void order_executor::adopt_duplicate(const brokers::order_info& info) {
  const core::order_record& original = state_.orders.at(info.tag);
  const std::string key = info.tag + "~" + info.broker_id;
  if (state_.orders.count(key)) return;
  // A second order under our tag (a send the broker's lagging books hid from the lookup, so it
  // was sent again). It is journaled as an order of its own, of the original's instance, so its
  // fills count in that instance's position, and cancelled; whatever of it filled is exited like
  // a late fill of a cancelled entry.
  SPDLOG_ERROR("executor: the broker holds a second order {} tagged {} (first {}): cancelling it",
               info.broker_id, info.tag, original.broker_id);
  publish(ev::reconciliation_discrepancy{"duplicate_order", original.instrument, key, 0, info.qty,
                                         "cancelled"},
          {.key = "duplicate:" + info.broker_id, .corr = info.tag});
  publish(ev::order_intent{key, original.strategy, original.instrument, original.symbol, info.side,
                           info.qty, ev::purpose::entry, "duplicate of " + info.tag,
                           info.price_paise, original.tick_paise, original.lot_size},
          {.key = key, .corr = info.tag});
  publish(ev::order_accepted{key, info.broker_id}, {.key = key + "/accepted", .corr = info.tag});
  // Asked even of one already done at the broker: its refusal prompts a read of the books, and
  // the reason marks its fills as unwanted.
  publish(ev::order_cancel_requested{key, "duplicate"}, {.corr = info.tag});
  poll_soon();
}

bool order_executor::has_working_orders() const {
  return core::has_open_orders(state_);
}

void order_executor::poll_soon() {
  // One reader of the books at a time, and at most one more read owed: however many prompts
  // arrive (stream updates, refused cancels), the rate-limited book endpoints never queue up.
  poll_wanted_ = true;
  if (poll_running_ || stopped_) return;
  poll_running_ = true;
  asio::co_spawn(
      io_,
      [this]() -> asio::awaitable<void> {
        const in_flight_guard busy{in_flight_};
        while (poll_wanted_ && !stopped_) {
          poll_wanted_ = false;
          co_await poll_once(true);
        }
        poll_running_ = false;
      },
      asio::detached);
}

asio::awaitable<void> order_executor::poll_once(bool always) {
  const in_flight_guard busy{in_flight_};
  if (stopped_ || (!always && !has_working_orders())) co_return;
  auto trades = co_await broker_.trade_book();
  if (stopped_) co_return;
  auto orders = co_await broker_.order_book();
  if (stopped_ || !orders) co_return;
  for (const auto& info : *orders) {
    const auto key = key_of(info);
    if (!key) {
      apply_update(info, std::nullopt, "poll");  // a duplicate of one of ours, if it is one
      if (!key_of(info)) continue;
    }
    const std::string k = key ? *key : *key_of(info);
    const core::order_record& o = state_.orders.at(k);
    // Ended orders are read too while the broker counts more fills than the journal: a fill
    // reported after a cancel still moved the position.
    if (core::is_terminal(o.status) && info.filled_qty <= o.filled_qty) continue;
    if (trades)
      for (const auto& t : with_fill_ids(*trades, info.broker_id)) apply_update(info, t, "poll");
    apply_update(info, std::nullopt, "poll");
  }
}

std::vector<brokers::trade_info> order_executor::with_fill_ids(
    const std::vector<brokers::trade_info>& trades, const std::string& broker_id) {
  // A trade row without a fill id would share one key with every other such row of its order
  // and drop them; it is named by what it says instead (time, size, price, and which of
  // identical rows it is), which stays the same from one read of the book to the next.
  std::vector<brokers::trade_info> out;
  std::map<std::string, int> seen;
  for (const auto& t : trades) {
    if (t.broker_id != broker_id) continue;
    out.push_back(t);
    if (!t.fill_id.empty()) continue;
    const std::string what = std::to_string(t.fill_ns) + "-" + std::to_string(t.qty) + "@" +
                             std::to_string(t.price_paise);
    out.back().fill_id = "noid-" + what + "#" + std::to_string(++seen[what]);
  }
  return out;
}

asio::awaitable<void> order_executor::poll_loop() {
  const in_flight_guard busy{in_flight_};
  polling_ = true;
  while (!stopped_ && has_working_orders()) {
    poll_timer_.expires_after(config_.poll_interval);
    boost::system::error_code ec;
    co_await poll_timer_.async_wait(asio::redirect_error(asio::use_awaitable, ec));
    if (ec || stopped_) break;
    poll_soon();
  }
  polling_ = false;
}

}  // namespace strike::daemon
