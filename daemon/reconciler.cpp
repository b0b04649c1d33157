#include "daemon/reconciler.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <map>
#include <set>

#include "core/ist.hpp"
#include "core/positions.hpp"
#include "core/trading/order_key.hpp"
#include "daemon/reconcile_differences.hpp"

namespace strike::daemon {

namespace ev = strike::events;
using core::order_status;

namespace {

void publish(core::bus& bus, ev::payload p, core::publish_options o = {}) {
  if (auto r = bus.publish(std::move(p), std::move(o)); !r)
    SPDLOG_ERROR("reconciliation: cannot journal: {}", r.error().message);
}

// What a run acts on: every difference (start-up), or only those both reads showed.
struct scope {
  const differences* only = nullptr;
  bool order(const std::string& key) const { return !only || only->orders.count(key); }
  bool instrument(const std::string& i) const { return !only || only->positions.count(i); }
};

// The strategy instance the broker's quantity in instrument that the journal does not hold
// belongs to: the one instance holding the contract, if only one does; else the instance of the
// newest order of ours in it the broker's book shows (the entry that opened it, or an exit that
// did not close it); "reconcile" when no tag is ours (an order placed by hand).
std::string owner_by_tags(const core::state& state, const broker_books& b,
                          const std::string& instrument) {
  std::set<std::string> holders;
  for (const auto& key : core::position_keys_in(state, instrument))
    if (const auto& p = state.positions.at(key); p.qty != 0) holders.insert(p.strategy);
  if (holders.size() == 1 && !holders.begin()->empty()) return *holders.begin();
  std::string owner;
  std::int64_t newest = -1;
  for (const auto& o : b.orders) {
    if (o.instrument != instrument || o.tag.empty()) continue;
    auto ours = state.orders.find(o.tag);
    if (ours == state.orders.end() || ours->second.strategy.empty()) continue;
    if (ours->second.created_ns > newest) {
      newest = ours->second.created_ns;
      owner = ours->second.strategy;
    }
  }
  return owner.empty() ? "reconcile" : owner;
}

// One synthetic order and fill that make the journal hold qty more (buy) or fewer (sell) units
// of instrument for instance, as the broker's books say it does.
void adopt_piece(core::bus& bus, const core::state& state, const std::string& instance,
                 const std::string& instrument, const std::string& symbol, ev::side side,
                 std::int64_t qty, bool reduces, std::int64_t price, std::int64_t lot_size) {
  const auto purpose = reduces ? ev::purpose::exit : ev::purpose::entry;
  const std::string basis =
      core::format_date(core::ist_date(state.last_ts)) + "#" + std::to_string(state.last_seq);
  const std::string key =
      core::trading::order_key({"reconcile", instrument, side, qty, purpose, "adopted", basis});
  publish(bus,
          ev::order_intent{key, instance, instrument, symbol, side, qty, purpose,
                           "adopted from the broker", price, 5, lot_size},
          {.key = key, .corr = key});
  publish(bus, ev::order_accepted{key, "reconcile"}, {.key = key + "/accepted", .corr = key});
  publish(bus, ev::order_filled{key, "adopted", qty, price, qty, 0, 0, "reconcile"},
          {.key = key + "/adopted", .corr = key});
}

// Makes the journal hold `delta` more units of instrument (negative: fewer) at price. What the
// broker holds less is taken off the instances' positions in the contract, in key order, each
// down to flat at most; what it holds more (or beyond flat, the other way) goes to the instance
// the broker's order tags name.
void adopt_quantity(core::bus& bus, const core::state& state, const broker_books& b,
                    const std::string& instrument, const std::string& symbol, std::int64_t delta,
                    std::int64_t price, std::int64_t lot_size) {
  const auto side = delta > 0 ? ev::side::buy : ev::side::sell;
  std::int64_t left = delta > 0 ? delta : -delta;
  for (const auto& key : core::position_keys_in(state, instrument)) {
    if (left == 0) break;
    const auto it = state.positions.find(key);
    if (it == state.positions.end() || it->second.qty == 0 || (it->second.qty > 0) == (delta > 0))
      continue;
    const std::int64_t held = it->second.qty > 0 ? it->second.qty : -it->second.qty;
    const std::int64_t piece = std::min(left, held);
    const std::string instance = it->second.strategy;  // the fold may drop the position
    adopt_piece(bus, state, instance, instrument, symbol, side, piece, true, price, lot_size);
    left -= piece;
  }
  if (left > 0)
    adopt_piece(bus, state, owner_by_tags(state, b, instrument), instrument, symbol, side, left,
                false, price, lot_size);
}

// The journal's working orders against the broker's rows of them.
void reconcile_orders(core::bus& bus, const core::state& state, const broker_books& b,
                      order_executor& executor, scope in, reconcile_summary& summary) {
  std::vector<std::string> keys;
  for (const auto& [key, o] : state.orders)
    if (!core::is_terminal(o.status) && o.status != order_status::intended &&
        o.status != order_status::approved && in.order(key))
      keys.push_back(key);
  const order_rows rows(b.orders);
  for (const auto& key : keys) {
    if (!in.only) ++summary.orders_checked;
    const core::order_record& o = state.orders.at(key);
    const brokers::order_info* info = rows.find(key, o);
    if (!info) {
      if (o.status == order_status::accepted || o.status == order_status::partially_filled) {
        publish(bus, ev::reconciliation_discrepancy{"order_unknown_at_broker", o.instrument, key,
                                                    o.qty - o.filled_qty, 0, "closed"});
        publish(bus, ev::order_cancelled{key, o.filled_qty, "unknown at the broker"},
                {.key = key + "/cancelled", .corr = key});
        ++summary.orders_closed;
        summary.agreed = false;
      }
      continue;  // submitted/unknown orders are resolved by the executor's lookup by tag
    }
    const std::int64_t filled_before = o.filled_qty;
    const bool cancel_asked = o.pending == core::order_pending::cancel;
    for (const auto& t : b.trades) {
      if (t.broker_id != info->broker_id || state.keys.contains(key + "/" + t.fill_id)) continue;
      executor.apply_update(*info, t, "reconcile");
      if (state.keys.contains(key + "/" + t.fill_id)) ++summary.fills_adopted;
    }
    if (o.filled_qty != filled_before) {
      publish(bus, ev::reconciliation_discrepancy{"fill_missed", o.instrument, key, filled_before,
                                                  o.filled_qty, "adopted"});
      summary.agreed = false;
    }
    executor.apply_update(*info, std::nullopt, "reconcile");
    // Ended at the broker (cancelled by hand, rejected, expired) without the journal hearing of
    // it; a cancel of our own that the broker took is no surprise.
    if ((o.status == order_status::cancelled || o.status == order_status::rejected) &&
        !cancel_asked) {
      publish(bus, ev::reconciliation_discrepancy{"status_missed", o.instrument, key, o.filled_qty,
                                                  info->filled_qty, "closed"});
      ++summary.orders_closed;
      summary.agreed = false;
    }
  }
}

// What the broker holds against what the journal holds, by instrument.
void reconcile_positions(core::bus& bus, const core::state& state, const broker_books& b,
                         unknown_position_policy policy, scope in, reconcile_summary& summary) {
  std::map<std::string, const brokers::position_info*> at_broker;
  std::map<std::string, std::int64_t> broker_qty;
  for (const auto& p : b.positions) {
    broker_qty[p.instrument] += p.net_qty;
    at_broker[p.instrument] = &p;
  }
  // The broker nets the instances' positions in a contract: so are they, to compare.
  std::map<std::string, std::int64_t> journal_qty;
  std::map<std::string, std::int64_t> journal_cost;
  for (const auto& [key, p] : state.positions)
    if (p.qty != 0) {
      journal_qty[p.instrument] += p.qty;
      journal_cost[p.instrument] += p.cost_paise;
    }
  std::vector<std::string> instruments;
  for (const auto& [i, q] : broker_qty) instruments.push_back(i);
  for (const auto& [i, q] : journal_qty)
    if (!broker_qty.count(i)) instruments.push_back(i);

  for (const auto& instrument : instruments) {
    if (!in.instrument(instrument)) continue;
    const std::int64_t ours = journal_qty.count(instrument) ? journal_qty.at(instrument) : 0;
    const std::int64_t theirs = broker_qty.count(instrument) ? broker_qty.at(instrument) : 0;
    if (ours == theirs) continue;
    summary.agreed = false;
    const bool unknown = ours == 0;
    if (unknown) ++summary.positions_unknown;
    const auto* bp = at_broker.count(instrument) ? at_broker.at(instrument) : nullptr;
    const std::string kind = unknown ? "position_unknown" : "qty_mismatch";
    if (policy == unknown_position_policy::report) {
      // The fold caps the position's exits at what the broker holds; entries stop until a person
      // has looked, since the journal's idea of this account is wrong.
      publish(bus, ev::reconciliation_discrepancy{kind, instrument, "", ours, theirs, "reported"});
      if (!unknown && !state.risk.halted_for("reconcile_mismatch"))
        publish(bus, ev::trading_halted{"reconcile_mismatch", "manual", false,
                                        instrument + ": the journal holds " + std::to_string(ours) +
                                            ", the broker " + std::to_string(theirs)});
      continue;
    }
    const std::int64_t delta = theirs - ours;
    // The broker's price for what is adopted: the net position's average (carried days too),
    // else the side's average. Without one, nothing is adopted at a made-up price.
    std::int64_t price = 0;
    if (bp)
      price = bp->net_avg_paise > 0 ? bp->net_avg_paise
              : delta > 0           ? bp->buy_avg_paise
                                    : bp->sell_avg_paise;
    if (price <= 0 && ours != 0) price = journal_cost[instrument] / ours;
    if (price <= 0) {
      publish(bus, ev::reconciliation_discrepancy{kind, instrument, "", ours, theirs, "reported"});
      publish(bus, ev::error_raised{
                       "reconciliation", "no_price",
                       instrument +
                           ": the broker gives no average price; not adopted, a person must look"});
      if (!state.risk.halted_for("reconcile_mismatch"))
        publish(bus, ev::trading_halted{"reconcile_mismatch", "manual", false,
                                        instrument + ": held without a price"});
      continue;
    }
    publish(bus, ev::reconciliation_discrepancy{
                     kind, instrument, "", ours, theirs,
                     policy == unknown_position_policy::flatten ? "flattened" : "adopted"});
    adopt_quantity(bus, state, b, instrument, bp ? bp->symbol : "", delta, price,
                   bp ? bp->lot_size : 0);
    if (policy == unknown_position_policy::flatten)
      for (auto& key : core::position_keys_in(state, instrument))
        summary.to_flatten.push_back(std::move(key));
  }
}

// Keeps, of the orders absent from the order book, those absent for vanish_after_ns; remembers
// when the others were first missed and forgets orders the book shows again.
void age_missing_orders(differences& confirmed, const live_reconcile& live) {
  auto& since = live.memory->missing_since_ns;
  const std::int64_t now = live.time->steady_ns();
  for (auto it = since.begin(); it != since.end();) {
    auto found = confirmed.orders.find(it->first);
    it = found == confirmed.orders.end() || found->second != "order_unknown_at_broker"
             ? since.erase(it)
             : std::next(it);
  }
  for (auto it = confirmed.orders.begin(); it != confirmed.orders.end();) {
    if (it->second != "order_unknown_at_broker") {
      ++it;
      continue;
    }
    const auto [first, fresh] = since.try_emplace(it->first, now);
    if (!fresh && now - first->second >= live.vanish_after_ns) {
      since.erase(first);
      ++it;
    } else {
      it = confirmed.orders.erase(it);
    }
  }
}

// Drops the position differences reported already, alike; forgets those that went away.
void skip_reported(differences& confirmed, const differences& seen, reconcile_memory& memory,
                   reconcile_summary& summary) {
  for (auto it = memory.reported.begin(); it != memory.reported.end();) {
    auto now = seen.positions.find(it->first);
    it = now == seen.positions.end() || now->second != it->second ? memory.reported.erase(it)
                                                                  : std::next(it);
  }
  for (const auto& [instrument, qty] : memory.reported) {
    confirmed.positions.erase(instrument);
    summary.agreed = false;  // still different, reported before
  }
}

void complete(core::bus& bus, const reconcile_summary& summary) {
  publish(bus, ev::reconciliation_completed{summary.orders_checked, summary.fills_adopted,
                                            summary.orders_closed, summary.positions_unknown,
                                            summary.agreed});
}

}  // namespace

boost::asio::awaitable<result<reconcile_summary>> reconcile(
    core::bus& bus, const core::state& state, brokers::broker& broker, order_executor& executor,
    unknown_position_policy policy, const live_reconcile* live) {
  auto books = co_await read_books(broker);
  if (!books) co_return books.error();
  reconcile_summary summary;
  if (!live) {
    reconcile_orders(bus, state, *books, executor, {}, summary);
    reconcile_positions(bus, state, *books, policy, {}, summary);
    complete(bus, summary);
    co_return summary;
  }
  const differences seen = find_differences(state, *books);
  differences confirmed = seen;
  if (!confirmed.empty()) {
    // A difference may be the books lagging or a request's answer on its way: the executor's
    // polling and the order feed get the settling wait to journal it, and only what a second
    // read still shows, alike, is acted on.
    co_await live->time->wait(live->settle_ns);
    books = co_await read_books(broker);
    if (!books) co_return books.error();
    confirmed = confirmed.common_with(find_differences(state, *books));
  }
  age_missing_orders(confirmed, *live);
  skip_reported(confirmed, seen, *live->memory, summary);
  summary.orders_checked = confirmed.orders_checked;
  reconcile_orders(bus, state, *books, executor, {&confirmed}, summary);
  reconcile_positions(bus, state, *books, policy, {&confirmed}, summary);
  for (const auto& [instrument, qty] : confirmed.positions)
    live->memory->reported[instrument] = qty;
  complete(bus, summary);
  co_return summary;
}

}  // namespace strike::daemon
