// A broker in front of another whose books a test can make lag or change between reads: orders
// hidden from the order book, positions frozen at what they were. Everything else is passed on.
#pragma once

#include <functional>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "brokers/broker.hpp"

namespace strike::test {

class lagging_books final : public brokers::broker {
 public:
  explicit lagging_books(brokers::broker& inner) : inner_(inner) {}

  std::set<std::string> hidden_orders;  // by broker id: absent from the order book
  std::optional<std::vector<brokers::position_info>> frozen_positions;
  // Runs before each read of the order book (the first read is 1).
  std::function<boost::asio::awaitable<void>(int read)> before_read;
  int reads = 0;

  std::string_view name() const override { return inner_.name(); }
  brokers::task<brokers::session_info> ensure_session() override {
    co_return co_await inner_.ensure_session();
  }
  brokers::task<brokers::session_info> relogin() override { co_return co_await inner_.relogin(); }
  boost::asio::awaitable<status> logout() override { co_return co_await inner_.logout(); }
  brokers::session_info session() const override { return inner_.session(); }
  void on_session_change(session_listener fn) override { inner_.on_session_change(std::move(fn)); }
  brokers::task<brokers::profile_info> profile() override { co_return co_await inner_.profile(); }
  brokers::task<brokers::order_ack> place_order(brokers::order_request r) override {
    co_return co_await inner_.place_order(std::move(r));
  }
  brokers::task<brokers::order_ack> modify_order(brokers::modify_request r) override {
    co_return co_await inner_.modify_order(std::move(r));
  }
  brokers::task<brokers::order_ack> cancel_order(brokers::cancel_request r) override {
    co_return co_await inner_.cancel_order(std::move(r));
  }
  brokers::task<std::vector<brokers::order_info>> order_book() override {
    ++reads;
    if (before_read) co_await before_read(reads);
    auto book = co_await inner_.order_book();
    if (!book) co_return book;
    std::vector<brokers::order_info> shown;
    for (auto& o : *book)
      if (!hidden_orders.count(o.broker_id)) shown.push_back(std::move(o));
    co_return shown;
  }
  brokers::task<std::vector<brokers::trade_info>> trade_book() override {
    co_return co_await inner_.trade_book();
  }
  brokers::task<brokers::order_info> order_status(std::string id) override {
    co_return co_await inner_.order_status(std::move(id));
  }
  brokers::task<std::optional<brokers::order_info>> find_order_by_tag(std::string tag) override {
    co_return co_await inner_.find_order_by_tag(std::move(tag));
  }
  brokers::task<std::vector<brokers::position_info>> positions() override {
    if (frozen_positions) co_return *frozen_positions;
    co_return co_await inner_.positions();
  }
  brokers::task<brokers::funds_info> funds() override { co_return co_await inner_.funds(); }
  brokers::task<std::int64_t> last_price(std::string instrument, std::string symbol) override {
    co_return co_await inner_.last_price(std::move(instrument), std::move(symbol));
  }
  brokers::task<std::vector<brokers::candle>> candles(brokers::candle_request r) override {
    co_return co_await inner_.candles(std::move(r));
  }
  brokers::task<std::shared_ptr<const brokers::instrument_index>> instruments() override {
    co_return co_await inner_.instruments();
  }
  void shutdown() override { inner_.shutdown(); }

 private:
  brokers::broker& inner_;
};

}  // namespace strike::test
