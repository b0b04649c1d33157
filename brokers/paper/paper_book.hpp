// The paper broker's order book: orders matched against live or simulated quotes, no money
// moving anywhere. LIMIT orders fill when the market trades through them (or at once when they
// are marketable), MARKET orders fill at the touch plus a configurable slippage, stop orders
// trigger on the last price. Pure and synchronous; brokers/paper/paper_broker.hpp puts it
// behind the broker interface.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "brokers/broker_types.hpp"
#include "core/clock.hpp"
#include "base/result.hpp"
#include "core/state.hpp"
#include "core/trading/quote.hpp"

namespace strike::brokers::paper {

struct paper_config {
  std::int64_t slippage_bps = 5;  // market orders fill this far beyond the touch
  std::int64_t tick_paise = 5;    // fills are rounded to the tick, against us
};

struct paper_fill {
  order_info order;  // the order after the fill
  trade_info trade;
};

class paper_book {
 public:
  paper_book(const core::clock& clock, paper_config config) : clock_(clock), config_(config) {}

  // The order as accepted (and possibly already filled: see take_fills).
  result<order_info> place(const order_request& r);
  result<order_info> modify(const modify_request& r);
  result<order_info> cancel(const cancel_request& r);

  // Applies a new quote: working orders on that instrument that the market reached fill.
  void on_quote(const std::string& instrument, const core::trading::quote& q);

  // Fills since the last call, in the order they happened.
  std::vector<paper_fill> take_fills();

  std::optional<order_info> find(const std::string& broker_id) const;
  std::optional<order_info> find_by_tag(const std::string& tag) const;
  std::vector<order_info> orders() const;
  std::vector<trade_info> trades() const { return trades_; }
  std::vector<position_info> positions() const;

  // Rebuilds working orders and positions from the journaled state after a restart, so the
  // paper broker knows what the daemon knows. Fills already journaled are not repeated.
  void restore(const core::state& s);

 private:
  struct paper_order {
    order_info info;
    std::int64_t lot_size = 0;
  };

  void try_fill(paper_order& o, const core::trading::quote& q);
  void fill(paper_order& o, std::int64_t price);
  std::int64_t market_price(events::side side, const core::trading::quote& q) const;

  const core::clock& clock_;
  paper_config config_;
  std::map<std::string, paper_order> orders_;  // by broker id
  std::map<std::string, core::trading::quote> quotes_;
  std::vector<trade_info> trades_;
  std::vector<paper_fill> pending_fills_;
  struct net {
    std::int64_t qty = 0;
    std::int64_t buy_qty = 0, sell_qty = 0, buy_value = 0, sell_value = 0;
    std::string symbol;
  };
  std::map<std::string, net> positions_;
  std::int64_t next_id_ = 1;
};

}  // namespace strike::brokers::paper
