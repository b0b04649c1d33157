// The Angel One SmartAPI broker: the broker interface over the REST API (api_client.hpp), the
// login session (session.hpp) and the instrument master (instrument_store.hpp).
//
// Every authorised call first makes sure of the session; a reply saying the token is dead
// renews it (refresh, else login) and sends once more. placeOrder is never resent blindly:
// see broker::place_order and place_order() below.
//
// Reactor thread only. The timekeeper and sink must outlive the client; call shutdown() and
// let the reactor drain before destroying it.
#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <map>
#include <memory>
#include <string>

#include "brokers/angelone/api_client.hpp"
#include "brokers/angelone/client_settings.hpp"
#include "brokers/angelone/credentials.hpp"
#include "brokers/angelone/instrument_store.hpp"
#include "brokers/angelone/session.hpp"
#include "brokers/broker.hpp"
#include "brokers/coalesced_read.hpp"
#include "brokers/event_sink.hpp"
#include "brokers/http/https_client.hpp"
#include "brokers/redactor.hpp"
#include "brokers/timekeeper.hpp"

namespace strike::brokers::angelone {

class client final : public broker {
 public:
  // Fails (without any network I/O) when a URL or the CA file is unusable.
  static result<std::unique_ptr<client>> create(boost::asio::any_io_executor ex, timekeeper& time,
                                                client_settings settings, credentials creds,
                                                event_sink sink);

  std::string_view name() const override { return "angelone"; }

  task<session_info> ensure_session() override { return session_->ensure(); }
  task<session_info> relogin() override { return session_->relogin(); }
  boost::asio::awaitable<status> logout() override { return session_->logout(); }
  session_info session() const override { return session_->info(); }
  void on_session_change(session_listener fn) override { session_->on_change(std::move(fn)); }
  task<profile_info> profile() override;

  task<order_ack> place_order(order_request request) override;
  void prepare_order(order_request& request) const override;
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

  void shutdown() override;

  // Angel One specifics, for the feeds: the session's tokens and the client code.
  session_manager& angel_session() { return *session_; }
  const client_settings& settings() const { return settings_; }
  const http::client_stats& http_stats() const { return api_http_->stats(); }

 private:
  client(boost::asio::any_io_executor ex, timekeeper& time, client_settings settings,
         event_sink sink);

  // Calls an authorised endpoint under a session, renewing it once if the server refuses the
  // token.
  boost::asio::awaitable<api_outcome> authed(endpoint e, std::string body, std::string suffix = {},
                                             bool urgent = false);
  void remember(const order_info& o);
  task<std::vector<order_info>> read_order_book();
  task<std::vector<trade_info>> read_trade_book();
  error failed(endpoint e, const api_failure& f) const { return api_->to_error(e, f); }
  // Passes a parsed reply through, reporting it when the parser refused it.
  template <class T>
  result<T> checked(endpoint e, result<T> parsed, const api_reply& reply) {
    if (!parsed) api_->reply_unusable(e, parsed.error().message, reply.attempts);
    return parsed;
  }

  timekeeper& time_;
  client_settings settings_;
  event_sink sink_;
  redactor secrets_;
  std::unique_ptr<http::https_client> api_http_;
  std::unique_ptr<http::https_client> master_http_;
  std::unique_ptr<api_client> api_;
  std::unique_ptr<session_manager> session_;
  std::unique_ptr<instrument_store> instruments_;
  // uniqueorderid by orderid, for the order details endpoint (which wants the former).
  std::map<std::string, std::string, std::less<>> unique_ids_;
  // The books allow one read a second; polls, tag look-ups and order status share the reads.
  coalesced_read<result<std::vector<order_info>>> order_reads_;
  coalesced_read<result<std::vector<trade_info>>> trade_reads_;
};

}  // namespace strike::brokers::angelone
