#include "brokers/paper/paper_broker.hpp"

#include <boost/asio/post.hpp>
#include <boost/asio/this_coro.hpp>

#include "brokers/broker_error.hpp"

namespace strike::brokers::paper {

namespace ev = strike::events;

paper_broker::paper_broker(const core::clock& clock, paper_config config, std::int64_t capital_paise,
                           broker* market_data)
    : book_(clock, config), capital_paise_(capital_paise), market_data_(market_data) {}

task<session_info> paper_broker::ensure_session() {
  if (market_data_) co_return co_await market_data_->ensure_session();
  co_return session();
}

task<session_info> paper_broker::relogin() {
  if (market_data_) co_return co_await market_data_->relogin();
  co_return session();
}

boost::asio::awaitable<status> paper_broker::logout() {
  if (market_data_) co_return co_await market_data_->logout();
  co_return status{};
}

session_info paper_broker::session() const {
  if (market_data_) return market_data_->session();
  return {true, INT64_MAX, 1, "paper"};
}

void paper_broker::on_session_change(session_listener fn) {
  if (market_data_) market_data_->on_session_change(std::move(fn));
}

task<profile_info> paper_broker::profile() {
  if (market_data_) co_return co_await market_data_->profile();
  co_return profile_info{"PAPER", "Paper account", {"NSE", "NFO"}, {"CARRYFORWARD", "INTRADAY"}};
}

task<order_ack> paper_broker::place_order(order_request request) {
  auto placed = book_.place(request);
  if (!placed) co_return placed.error();
  if (placed->state == order_state::rejected)
    co_return broker_error(ev::failure_kind::rejected, "paper: " + placed->reason);
  // A marketable order fills at once; report the fill after the caller has the acceptance,
  // in the order a real broker's feed would.
  boost::asio::post(co_await boost::asio::this_coro::executor, [this] { deliver_fills(); });
  co_return order_ack{placed->broker_id, placed->unique_id, 1, false};
}

task<order_ack> paper_broker::modify_order(modify_request request) {
  auto modified = book_.modify(request);
  if (!modified) co_return modified.error();
  boost::asio::post(co_await boost::asio::this_coro::executor, [this] { deliver_fills(); });
  co_return order_ack{modified->broker_id, modified->unique_id, 1, false};
}

task<order_ack> paper_broker::cancel_order(cancel_request request) {
  auto cancelled = book_.cancel(request);
  if (!cancelled) co_return cancelled.error();
  co_return order_ack{cancelled->broker_id, cancelled->unique_id, 1, false};
}

task<std::vector<order_info>> paper_broker::order_book() { co_return book_.orders(); }
task<std::vector<trade_info>> paper_broker::trade_book() { co_return book_.trades(); }

task<order_info> paper_broker::order_status(std::string broker_id) {
  if (auto o = book_.find(broker_id)) co_return *o;
  co_return broker_error(ev::failure_kind::rejected, "paper: no order " + broker_id);
}

task<std::optional<order_info>> paper_broker::find_order_by_tag(std::string tag) { co_return book_.find_by_tag(tag); }

task<std::vector<position_info>> paper_broker::positions() { co_return book_.positions(); }

task<funds_info> paper_broker::funds() {
  std::int64_t cash = capital_paise_;
  for (const auto& p : book_.positions()) cash += p.sell_value_paise - p.buy_value_paise;
  funds_info f;
  f.net_paise = cash;
  f.available_cash_paise = cash;
  co_return f;
}

task<std::int64_t> paper_broker::last_price(std::string instrument, std::string symbol) {
  if (market_data_) co_return co_await market_data_->last_price(std::move(instrument), std::move(symbol));
  co_return broker_error(ev::failure_kind::rejected, "paper: no market data for " + instrument);
}

task<std::vector<candle>> paper_broker::candles(candle_request request) {
  if (market_data_) co_return co_await market_data_->candles(std::move(request));
  co_return broker_error(ev::failure_kind::rejected, "paper: no market data source for candles");
}

task<std::shared_ptr<const instrument_index>> paper_broker::instruments() {
  if (market_data_) co_return co_await market_data_->instruments();
  co_return broker_error(ev::failure_kind::rejected, "paper: no market data source for instruments");
}

void paper_broker::on_quote(const std::string& instrument, const core::trading::quote& q) {
  book_.on_quote(instrument, q);
  deliver_fills();
}

void paper_broker::deliver_fills() {
  for (const auto& f : book_.take_fills())
    if (listener_) listener_(f);
}

}  // namespace strike::brokers::paper
