#include "brokers/angelone/client.hpp"

#include <spdlog/spdlog.h>

#include "brokers/angelone/candle_ranges.hpp"
#include "brokers/angelone/net_identity.hpp"
#include "brokers/angelone/parsers.hpp"
#include "brokers/angelone/request_bodies.hpp"
#include "brokers/angelone/vocabulary.hpp"
#include "brokers/broker_error.hpp"
#include "brokers/http/tls_context.hpp"

namespace strike::brokers::angelone {

namespace asio = boost::asio;
using events::failure_kind;

client::client(asio::any_io_executor ex, timekeeper& time, client_settings settings,
               event_sink sink)
    : time_(time),
      settings_(std::move(settings)),
      sink_(std::move(sink)),
      order_reads_(ex, [this] { return read_order_book(); }),
      trade_reads_(ex, [this] { return read_trade_book(); }) {}

result<std::unique_ptr<client>> client::create(asio::any_io_executor ex, timekeeper& time,
                                               client_settings settings, credentials creds,
                                               event_sink sink) {
  auto api_url = http::parse_url(settings.base_url);
  if (!api_url) return error{"broker base_url: " + api_url.error().message};
  auto master_url = http::parse_url(settings.instruments.url);
  if (!master_url) return error{"broker instruments_url: " + master_url.error().message};
  auto tls = http::make_tls_context(settings.ca_file);
  if (!tls) return tls.error();

  const auto detected = detect_net_identity();
  request_identity id;
  id.api_key = creds.api_key;
  id.local_ip = settings.client_local_ip.empty() ? detected.local_ip : settings.client_local_ip;
  id.public_ip = settings.client_public_ip.empty() ? id.local_ip : settings.client_public_ip;
  id.mac = settings.mac_address.empty() ? detected.mac : settings.mac_address;
  settings.session.server = settings.base_url;

  std::unique_ptr<client> c(new client(ex, time, settings, std::move(sink)));
  c->api_http_ = std::make_unique<http::https_client>(ex, *tls, *api_url, settings.http);
  c->master_http_ = std::make_unique<http::https_client>(ex, *tls, *master_url, settings.http);
  c->api_ = std::make_unique<api_client>(*c->api_http_, time, settings.api, std::move(id),
                                         c->secrets_, c->sink_);
  c->session_ = std::make_unique<session_manager>(*c->api_, time, std::move(creds),
                                                  settings.session, c->secrets_, c->sink_);
  c->instruments_ =
      std::make_unique<instrument_store>(*c->master_http_, time, settings.instruments, c->sink_);
  return c;
}

void client::shutdown() {
  api_http_->shutdown();
  master_http_->shutdown();
}

asio::awaitable<api_outcome> client::authed(endpoint e, std::string body, std::string suffix,
                                            bool urgent) {
  for (int round = 0;; ++round) {
    auto s = co_await session_->ensure();
    if (!s) {
      api_outcome none;
      none.failure.kind = failure_of(s.error());
      none.failure.message = "no session: " + s.error().message;
      co_return none;
    }
    const auto generation = session_->generation();
    auto out = co_await api_->call(e, body, session_->tokens().jwt, suffix, urgent);
    if (out.ok() || !out.failure.session_gone || round > 0) co_return out;
    session_->invalidate(generation, out.failure.code == "AG8002" ? "expired" : "invalid_token");
  }
}

void client::remember(const order_info& o) {
  if (!o.unique_id.empty()) unique_ids_.insert_or_assign(o.broker_id, o.unique_id);
}

task<profile_info> client::profile() {
  auto out = co_await authed(endpoint::profile, "");
  if (!out.ok()) co_return failed(endpoint::profile, out.failure);
  co_return checked(endpoint::profile, parse_profile(out.reply->env), *out.reply);
}

task<order_ack> client::modify_order(modify_request r) {
  auto body = modify_body(r);
  if (!body) co_return broker_error(failure_kind::rejected, "modifyOrder: " + body.error().message);
  auto out = co_await authed(endpoint::modify_order, std::move(*body), {}, r.urgent);
  if (!out.ok()) co_return failed(endpoint::modify_order, out.failure);
  auto ack = checked(endpoint::modify_order, parse_order_ack(out.reply->env), *out.reply);
  if (ack) ack->attempts = out.reply->attempts;
  co_return ack;
}

task<order_ack> client::cancel_order(cancel_request r) {
  auto out = co_await authed(endpoint::cancel_order, cancel_body(r));
  if (!out.ok()) co_return failed(endpoint::cancel_order, out.failure);
  auto ack = checked(endpoint::cancel_order, parse_order_ack(out.reply->env), *out.reply);
  if (ack) ack->attempts = out.reply->attempts;
  co_return ack;
}

task<std::vector<order_info>> client::order_book() {
  return order_reads_.get();
}

task<std::vector<trade_info>> client::trade_book() {
  return trade_reads_.get();
}

task<std::vector<order_info>> client::read_order_book() {
  auto out = co_await authed(endpoint::order_book, "");
  if (!out.ok()) co_return failed(endpoint::order_book, out.failure);
  auto book = checked(endpoint::order_book, parse_order_book(out.reply->env), *out.reply);
  if (book)
    for (const auto& o : *book) remember(o);
  co_return book;
}

task<std::vector<trade_info>> client::read_trade_book() {
  auto out = co_await authed(endpoint::trade_book, "");
  if (!out.ok()) co_return failed(endpoint::trade_book, out.failure);
  co_return checked(endpoint::trade_book,
                    parse_trade_book(out.reply->env, core::ist_date(time_.market_ns())),
                    *out.reply);
}

task<order_info> client::order_status(std::string broker_id) {
  auto known = unique_ids_.find(broker_id);
  if (known == unique_ids_.end()) {
    // The details endpoint wants the uniqueorderid: learn it from the book.
    auto book = co_await order_book();
    if (!book) co_return book.error();
    for (auto& o : *book)
      if (o.broker_id == broker_id) co_return std::move(o);
    co_return broker_error(failure_kind::rejected,
                           "order " + broker_id + " is not in the order book");
  }
  auto out = co_await authed(endpoint::order_details, "", known->second);
  if (!out.ok()) co_return failed(endpoint::order_details, out.failure);
  co_return checked(endpoint::order_details, parse_order_details(out.reply->env), *out.reply);
}

task<std::optional<order_info>> client::find_order_by_tag(std::string tag) {
  const auto ordertag = ordertag_for(tag);
  auto book = co_await order_book();
  if (!book) co_return book.error();
  std::optional<order_info> found;
  int matches = 0;
  for (auto& o : *book) {
    if (o.tag != ordertag) continue;
    if (++matches == 1) found = std::move(o);
  }
  if (matches > 1) SPDLOG_ERROR("broker: {} orders carry the tag {}", matches, ordertag);
  co_return found;
}

task<std::vector<position_info>> client::positions() {
  auto out = co_await authed(endpoint::positions, "");
  if (!out.ok()) co_return failed(endpoint::positions, out.failure);
  co_return checked(endpoint::positions, parse_positions(out.reply->env), *out.reply);
}

task<funds_info> client::funds() {
  auto out = co_await authed(endpoint::funds, "");
  if (!out.ok()) co_return failed(endpoint::funds, out.failure);
  co_return checked(endpoint::funds, parse_funds(out.reply->env), *out.reply);
}

task<std::int64_t> client::last_price(std::string instrument, std::string symbol) {
  auto parts = split_instrument(instrument);
  if (!parts)
    co_return broker_error(failure_kind::rejected,
                           "getLtpData: '" + instrument + "' is not EXCHANGE:TOKEN");
  if (symbol.empty()) {
    if (auto index = instruments_->current())
      if (const auto* i = index->find_id(instrument)) symbol = i->symbol;
  }
  auto out = co_await authed(endpoint::ltp, ltp_body(parts->exchange, symbol, parts->token));
  if (!out.ok()) co_return failed(endpoint::ltp, out.failure);
  co_return checked(endpoint::ltp, parse_ltp(out.reply->env), *out.reply);
}

task<std::vector<candle>> client::candles(candle_request r) {
  auto parts = split_instrument(r.instrument);
  if (!parts)
    co_return broker_error(failure_kind::rejected,
                           "getCandleData: '" + r.instrument + "' is not EXCHANGE:TOKEN");
  std::vector<std::vector<candle>> pieces;
  for (const auto& piece :
       split_candle_range(r.from_ns, r.to_ns, max_days_per_request(r.interval))) {
    auto out = co_await authed(
        endpoint::candles,
        candle_body(parts->exchange, parts->token, r.interval, piece.from_ns, piece.to_ns));
    if (!out.ok()) co_return failed(endpoint::candles, out.failure);
    auto rows = checked(endpoint::candles, parse_candles(out.reply->env), *out.reply);
    if (!rows) co_return rows.error();
    pieces.push_back(std::move(*rows));
  }
  co_return merge_candles(std::move(pieces), r.from_ns, r.to_ns);
}

task<std::shared_ptr<const instrument_index>> client::instruments() {
  return instruments_->get();
}

}  // namespace strike::brokers::angelone
