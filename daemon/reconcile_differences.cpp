#include "daemon/reconcile_differences.hpp"

#include <algorithm>
#include <set>

namespace strike::daemon {

using core::order_status;

boost::asio::awaitable<result<broker_books>> read_books(brokers::broker& broker) {
  auto orders = co_await broker.order_book();
  if (!orders) co_return orders.error();
  auto trades = co_await broker.trade_book();
  if (!trades) co_return trades.error();
  auto positions = co_await broker.positions();
  if (!positions) co_return positions.error();
  co_return broker_books{std::move(*orders), std::move(*trades), std::move(*positions)};
}

order_rows::order_rows(const std::vector<brokers::order_info>& book) {
  for (const auto& info : book) {
    if (!info.tag.empty()) by_tag_.emplace(info.tag, &info);
    if (!info.broker_id.empty()) by_id_.emplace(info.broker_id, &info);
  }
}

const brokers::order_info* order_rows::find(const std::string& key,
                                            const core::order_record& o) const {
  const brokers::order_info* tagged = nullptr;
  const brokers::order_info* known = nullptr;
  if (auto it = by_tag_.find(key); it != by_tag_.end()) tagged = it->second;
  if (auto it = by_id_.find(o.broker_id); !o.broker_id.empty() && it != by_id_.end())
    known = it->second;
  if (!tagged || !known) return tagged ? tagged : known;
  return std::min(tagged, known);  // rows of one book: the earlier of the two
}

bool order_settled(const core::order_record& o) {
  return (o.status == order_status::accepted || o.status == order_status::partially_filled) &&
         o.pending == core::order_pending::none;
}

differences differences::common_with(const differences& other) const {
  differences out;
  for (const auto& [key, kind] : orders)
    if (auto it = other.orders.find(key); it != other.orders.end() && it->second == kind)
      out.orders.emplace(key, kind);
  for (const auto& [instrument, qty] : positions)
    if (auto it = other.positions.find(instrument);
        it != other.positions.end() && it->second == qty)
      out.positions.emplace(instrument, qty);
  out.orders_checked = other.orders_checked;
  return out;
}

namespace {

bool has_unjournaled_fill(const core::state& state, const broker_books& b, const std::string& key,
                          const brokers::order_info& info) {
  for (const auto& t : b.trades)
    if (t.broker_id == info.broker_id && !t.fill_id.empty() && t.qty > 0 &&
        !state.keys.contains(key + "/" + t.fill_id))
      return true;
  return false;
}

std::string order_difference(const core::state& state, const broker_books& b,
                             const order_rows& rows, const std::string& key,
                             const core::order_record& o) {
  const brokers::order_info* info = rows.find(key, o);
  if (!info) return "order_unknown_at_broker";
  // Both books must say so: the order book's count alone may be an update the trade book has not
  // caught up on, and the trade book alone a fill the order book does not count yet.
  if (info->filled_qty > o.filled_qty)
    return has_unjournaled_fill(state, b, key, *info) ? "fill_missed" : "";
  const bool ended = info->state == brokers::order_state::cancelled ||
                     info->state == brokers::order_state::rejected;
  return ended ? "status_missed" : "";
}

// Instruments whose quantity may move between the reads of the books, or whose fills the journal
// does not hold yet: their positions are not compared.
std::set<std::string> busy_instruments(const core::state& state, const broker_books& b,
                                       const order_rows& rows) {
  std::set<std::string> busy;
  for (const auto& info : b.orders)
    if (!brokers::is_final(info.state)) busy.insert(info.instrument);
  for (const auto& [key, o] : state.orders) {
    if (!core::is_terminal(o.status)) {
      busy.insert(o.instrument);
      continue;
    }
    if (const auto* info = rows.find(key, o); info && info->filled_qty != o.filled_qty)
      busy.insert(o.instrument);
  }
  return busy;
}

}  // namespace

differences find_differences(const core::state& state, const broker_books& b) {
  differences out;
  const order_rows rows(b.orders);
  for (const auto& [key, o] : state.orders) {
    if (!order_settled(o)) continue;
    ++out.orders_checked;
    if (auto kind = order_difference(state, b, rows, key, o); !kind.empty())
      out.orders.emplace(key, kind);
  }
  std::map<std::string, std::int64_t> theirs;
  for (const auto& p : b.positions) theirs[p.instrument] += p.net_qty;
  std::map<std::string, std::int64_t> ours;
  for (const auto& [key, p] : state.positions)
    if (p.qty != 0) ours[p.instrument] += p.qty;  // the broker nets the instances' positions
  const auto busy = busy_instruments(state, b, rows);
  auto compare = [&](const std::string& instrument) {
    const std::int64_t journal = ours.count(instrument) ? ours.at(instrument) : 0;
    const std::int64_t broker = theirs.count(instrument) ? theirs.at(instrument) : 0;
    if (journal != broker && !busy.count(instrument))
      out.positions.emplace(instrument, std::make_pair(journal, broker));
  };
  for (const auto& [instrument, q] : theirs) compare(instrument);
  for (const auto& [instrument, q] : ours) compare(instrument);
  return out;
}

}  // namespace strike::daemon
