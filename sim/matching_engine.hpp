// The simulated exchange and broker order management: accepts orders, matches them against
// the market's quotes one market second at a time, and keeps every order and fill it ever saw.
// Independent of HTTP so the REST API, the admin endpoint and (later) the order-update
// WebSocket all observe the same engine.
//
// Matching rules (one instrument quote per second, no queue position):
//   MARKET / STOPLOSS_MARKET once triggered: fill at the ask (buy) or bid (sell).
//   LIMIT: fills at the ask/bid when marketable on arrival; once it has rested in the book it
//     fills at its own price when the ask falls to it (buy) or the bid rises to it (sell).
//   STOPLOSS_*: "trigger pending" until the LTP reaches the trigger (>= for buys, <= for sells),
//     then it works as the MARKET or LIMIT order it names.
//   IOC: whatever does not fill on arrival is cancelled. DAY orders still working at 15:30 are
//     cancelled. Orders placed outside the session wait as after-market orders until 09:15.
//
// Determinism: given the same market and the same calls at the same market times, ids, fills
// and states are identical. Not thread-safe: one owner calls it.
#pragma once

#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.hpp"
#include "sim/market.hpp"
#include "sim/orders.hpp"
#include "sim/sim_random.hpp"

namespace strike::sim {

// Faults decided for one order when it is placed.
struct order_faults {
  bool reject = false;
  double partial_ratio = 0;  // 0: fill whole; else the first fill takes this share (whole lots)
  std::int64_t partial_rest_ns = 0;  // market time before the rest may fill
  bool coalesce_fills = false;       // its first fill of two lots or more: two trades, one report
  bool no_limit_fill = false;        // rests at any limit price; fills only once made MARKET
};

struct order_change {
  std::optional<std::string> variety;
  std::optional<order_kind> kind;
  std::optional<std::int64_t> price;
  std::optional<std::int64_t> trigger;
  std::optional<std::int64_t> quantity;
  std::optional<std::string> duration;
};

struct funds {
  std::int64_t initial = 0;
  std::int64_t cash_flow = 0;  // sells minus buys, over fills
  std::int64_t blocked = 0;    // value of working buy orders
  std::int64_t available() const { return initial + cash_flow - blocked; }
};

class matching_engine {
 public:
  // Called after every change of an order; fill is set when the change is a fill.
  using listener = std::function<void(const order&, const fill*)>;

  matching_engine(market& mkt, std::uint64_t seed);

  void open_account(const std::string& client_code, std::int64_t cash_paise);

  // Accepts an order (it may be rejected at once: the returned order then says why).
  const order& place(const std::string& client_code, const order_request& req,
                     const instrument& inst, std::int64_t now_ns, const order_faults& faults,
                     std::uint64_t request_seq);
  // Errors: unknown order (or another client's), or an order no longer working.
  result<const order*> modify(const std::string& client_code, std::string_view orderid,
                              const order_change& change, std::int64_t now_ns);
  result<const order*> cancel(const std::string& client_code, std::string_view orderid,
                              std::int64_t now_ns);
  // Fills the whole rest of a client's open order now, as if the market had just reached it:
  // at the touch where step() would fill there, else at its limit price (the fill-on-cancel
  // fault). False, and nothing changes, when there is no such open order.
  bool fill_rest_now(const std::string& client_code, std::string_view orderid, std::int64_t now_ns);
  // A trigger-pending stop triggers now and fills all of it at its trigger (within an SL-limit's
  // limit); false if the order is not a trigger-pending stop of client_code.
  bool trigger_now(const std::string& client_code, std::string_view orderid, std::int64_t now_ns);

  // Matches working orders second by second up to now.
  void advance_to(std::int64_t now_ns);

  const order* find(std::string_view orderid) const;
  const order* find_unique(std::string_view uniqueorderid) const;
  const std::deque<order>& orders() const { return orders_; }
  const std::vector<fill>& fills() const { return fills_; }
  funds funds_of(const std::string& client_code) const;

  void subscribe(listener l) { listeners_.push_back(std::move(l)); }

 private:
  order* find_mut(std::string_view orderid);
  std::string reject_reason(const order& o, std::int64_t now_ns) const;
  void activate(order& o, std::int64_t t);
  void step(order& o, std::int64_t t);
  // Fills what the order may take now (the partial-fill fault may hold part back).
  void execute(order& o, std::int64_t t, std::int64_t price);
  // Fills qty at price (as two trades under the coalesce fault) and reports the change once.
  void trade(order& o, std::int64_t t, std::int64_t price, std::int64_t qty);
  void record_fill(order& o, std::int64_t t, std::int64_t price, std::int64_t qty);
  void finish(order& o, order_status s, std::int64_t t, std::string text = {});
  void notify(const order& o, const fill* f);
  std::int64_t blocked_value(const order& o) const;
  std::string next_orderid(std::int64_t now_ns);
  std::string next_uuid();
  void prune_working();

  market& market_;
  splitmix64 rng_;
  std::deque<order> orders_;  // every order ever placed, in placement order
  std::vector<fill> fills_;
  std::vector<std::size_t> working_;  // indices into orders_ of working orders
  std::map<std::string, std::size_t, std::less<>> by_id_;
  std::map<std::string, std::size_t, std::less<>> by_unique_;
  std::map<std::string, std::int64_t, std::less<>> initial_cash_;
  std::int64_t evaluated_ns_ = 0;
  std::uint64_t order_seq_ = 0;
  std::uint64_t fill_seq_ = 0;
  std::vector<listener> listeners_;
};

}  // namespace strike::sim
