// The backtest's simulated exchange: the engine's order requests (OrderSubmitted,
// OrderModifyRequested, OrderCancelRequested) answered on the virtual clock, with the same
// events the live executor publishes (OrderAccepted, OrderFilled with charges, OrderModified,
// OrderCancelled, OrderOutcomeUnknown for a modify or cancel that came too late).
//
// Rules, all conservative:
// - A request takes effect at the next quote of its instrument stamped after it was sent, never
//   on the data that produced it.
// - A limit order marketable on arrival fills at the touch (ask for a buy, bid for a sell); one
//   resting fills at its limit once the touch reaches it.
// - A market order fills at the touch plus slippage_bps, rounded to the tick against us.
// - Stop orders are refused (the engine keeps its stops itself).
// - An option still held at the close of its expiry day is settled at its intrinsic value
//   against the underlying's close (NSE's final settlement price for index options), paying the
//   exercise STT if held long in the money; orders still open on it expire.
//
// Pure and single-threaded; the bus, state and clock outlive it.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "core/bus.hpp"
#include "core/clock.hpp"
#include "core/ist.hpp"
#include "core/state.hpp"
#include "core/trading/charges.hpp"
#include "core/trading/quote.hpp"

namespace strike::backtest {

struct exchange_config {
  std::int64_t slippage_bps = 5;  // market orders fill this far beyond the touch
  std::int64_t latency_ns = 0;    // from a request's sending to its reaching the exchange
  // Orders at one print share at most this percentage of the units it traded, in whole lots;
  // 0: no bound (and prints whose volume is unknown are never bounded).
  std::int64_t volume_share_pct = 0;
};

class exchange {
 public:
  exchange(core::bus& b, const core::state& s, const core::clock& c,
           core::trading::charge_rates charges, exchange_config config);

  void attach();
  // A new quote: requests waiting for it take effect, then working orders that the touch
  // reached fill. traded: the units the print stands for (-1 when not known).
  void on_quote(const std::string& instrument, const core::trading::quote& q,
                std::int64_t traded = -1);

  // After the close of day d: settles every position in an option expiring on d against the
  // underlying's settlement price. A second call for the same day does nothing.
  void settle_expiries(core::civil_date d, std::int64_t underlying_paise);
  // The same with each underlying's own close ("NIFTY" → its index's last price; 0: unknown).
  void settle_expiries(core::civil_date d,
                       const std::function<std::int64_t(std::string_view)>& close_of);

  std::int64_t fills() const { return fills_; }
  // Adds the instruments with an order waiting or working here.
  void add_instruments_in_play(std::set<std::string>& out) const;

 private:
  enum class request_kind { place, modify, cancel };
  struct request {
    request_kind kind;
    std::string order;
    std::int64_t sent_ns = 0;
    std::string reason;                                   // cancels
    events::order_type type = events::order_type::limit;  // modifies
    std::int64_t price_paise = 0;
    std::int64_t qty = 0;
    std::int64_t trigger_paise = 0;
  };
  struct working {
    std::string instrument;
    std::int64_t arrived_ns = 0;
  };

  void take_effect(const request& r, const core::trading::quote& q);
  void try_fill(const std::string& key, const core::trading::quote& q, bool arriving);
  void fill(const std::string& key, std::int64_t price);
  std::int64_t fill_quantity(const core::order_record& o);
  std::int64_t market_price(const core::order_record& o, const core::trading::quote& q) const;
  void settle(const core::position_record& p, std::int64_t price);
  void publish(events::payload p, core::publish_options o = {});

  core::bus& bus_;
  const core::state& state_;
  const core::clock& clock_;
  core::trading::charge_rates charges_;
  exchange_config config_;
  std::map<std::string, std::vector<request>> waiting_;  // by instrument, in send order
  std::map<std::string, working> working_;               // by order key
  std::vector<request> due_;                             // scratch, reused per print
  std::vector<std::string> here_;
  std::int64_t next_id_ = 1;
  std::int64_t fills_ = 0;
  std::int64_t budget_ = -1;  // units the current print may still fill; -1: unbounded
};

}  // namespace strike::backtest
