// The paper broker: the broker interface with simulated fills (paper_book) for orders, and a
// real broker — or none — for everything about the market: session, instruments, candles,
// prices. `mode = "paper"` trades on real market data with paper money through it.
//
// Fills are reported through the fill listener the moment a quote or an order produces them,
// on the caller's thread (the reactor), the way a real broker's order-update feed would.
#pragma once

#include <functional>

#include "brokers/broker.hpp"
#include "brokers/paper/paper_book.hpp"

namespace strike::brokers::paper {

class paper_broker final : public broker {
 public:
  // market_data may be null (tests, backtests): market calls then fail or use the quotes seen.
  // capital_paise is the paper account's starting cash. Both references outlive the broker.
  paper_broker(const core::clock& clock, paper_config config, std::int64_t capital_paise,
               broker* market_data = nullptr);

  std::string_view name() const override { return "paper"; }

  task<session_info> ensure_session() override;
  task<session_info> relogin() override;
  boost::asio::awaitable<status> logout() override;
  session_info session() const override;
  void on_session_change(session_listener fn) override;
  task<profile_info> profile() override;

  task<order_ack> place_order(order_request request) override;
  task<order_ack> modify_order(modify_request request) override;
  task<order_ack> cancel_order(cancel_request request) override;
  task<std::vector<order_info>> order_book() override;
  task<std::vector<trade_info>> trade_book() override;
  task<order_info> order_status(std::string broker_id) override;
  task<std::optional<order_info>> find_order_by_tag(std::string tag) override;

  task<std::vector<position_info>> positions() override;
  task<funds_info> funds() override;

  task<std::int64_t> last_price(std::string instrument, std::string symbol) override;
  task<std::vector<candle>> candles(candle_request request) override;
  task<std::shared_ptr<const instrument_index>> instruments() override;

  void shutdown() override {}

  // Paper-specific: feed it every quote, and learn of fills.
  void on_quote(const std::string& instrument, const core::trading::quote& q);
  using fill_listener = std::function<void(const paper_fill&)>;
  void on_fill(fill_listener fn) { listener_ = std::move(fn); }
  void restore(const core::state& s) { book_.restore(s); }
  const paper_book& book() const { return book_; }

 private:
  void deliver_fills();

  paper_book book_;
  std::int64_t capital_paise_;
  broker* market_data_;
  fill_listener listener_;
  std::vector<session_listener> session_listeners_;
};

}  // namespace strike::brokers::paper
