#include "brokers/angelone/smartstream/smartstream_feed.hpp"

#include <spdlog/spdlog.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <simdjson.h>

#include "brokers/angelone/smartstream/exchange_types.hpp"
#include "brokers/angelone/smartstream/tick_parser.hpp"
#include "brokers/http/tls_context.hpp"
#include "events/market_events.hpp"

namespace strike::brokers::angelone::smartstream {

namespace asio = boost::asio;

result<std::unique_ptr<smartstream_feed>> smartstream_feed::create(asio::any_io_executor ex, client& c,
                                                                   const core::clock& wall, feed_options options,
                                                                   event_sink sink) {
  auto url = ws::parse_ws_url(options.url);
  if (!url) return url.error();
  auto tls = http::make_tls_context(options.ca_file);
  if (!tls) return tls.error();
  return std::unique_ptr<smartstream_feed>(
      new smartstream_feed(ex, c, wall, std::move(options), std::move(*url), std::move(*tls), std::move(sink)));
}

smartstream_feed::smartstream_feed(asio::any_io_executor ex, client& c, const core::clock& wall,
                                   feed_options options, ws::ws_url url,
                                   std::shared_ptr<asio::ssl::context> tls, event_sink sink)
    : wall_(wall),
      options_(std::move(options)),
      sink_(std::move(sink)),
      session_(c, feed_kind::smart_stream, std::move(url), options_.query_auth),
      rejections_(options_.rejection_report_ns),
      check_timer_(ex) {
  options_.link.feed_name = "market";
  link_ = std::make_unique<ws::link>(ex, std::move(tls), options_.link, static_cast<ws::link_owner&>(*this), sink_);
  session_.on_change([this](std::uint64_t generation) {
    if (started_ && !stopped_ && link_->generation() != 0 && generation != link_->generation())
      link_->reconnect("the session's tokens changed");
  });
}

smartstream_feed::~smartstream_feed() { stop(); }

void smartstream_feed::send_all(std::vector<std::string>& messages) {
  if (!link_->connected()) return;  // on_open sends the whole set at the next connect
  for (auto& m : messages) link_->send_text(std::move(m));
}

status smartstream_feed::subscribe(std::span<const std::string> instruments, feed_mode mode) {
  std::vector<std::string> messages;
  if (auto s = subs_.add(instruments, mode, messages); !s) return s;
  send_all(messages);
  return {};
}

status smartstream_feed::unsubscribe(std::span<const std::string> instruments) {
  std::vector<std::string> messages;
  if (auto s = subs_.remove(instruments, messages); !s) return s;
  send_all(messages);
  return {};
}

void smartstream_feed::start() {
  if (started_ || stopped_) return;
  started_ = true;
  quiet_since_ns_ = wall_.now_ns();
  link_->start();
  asio::co_spawn(check_timer_.get_executor(), watch(), asio::detached);
}

void smartstream_feed::stop() {
  if (stopped_) return;
  stopped_ = true;
  link_->stop();
  check_timer_.cancel();
}

market_feed_stats smartstream_feed::stats() const {
  market_feed_stats s = stats_;
  s.connected = link_->connected();
  s.connects = link_->connects();
  s.reconnects = link_->reconnects();
  s.subscriptions = static_cast<std::int64_t>(subs_.size());
  return s;
}

std::int64_t smartstream_feed::on_open() {
  for (auto& m : subs_.restore()) link_->send_text(std::move(m));
  return static_cast<std::int64_t>(subs_.size());
}

void smartstream_feed::on_message(const ws::ws_message& m) {
  if (m.text)
    on_text({reinterpret_cast<const char*>(m.data.data()), m.data.size()});
  else
    on_binary(m.data);
}

void smartstream_feed::on_binary(std::span<const std::uint8_t> frame) {
  ++stats_.frames;
  if (const auto e = parse_tick(frame, tick_); e != tick_error::none) {
    ++stats_.malformed;
    const std::string_view token = peek_token(frame);
    const std::uint8_t type = frame.size() > 1 ? frame[1] : 0;
    reject(subs_.instrument_of(type, token), "malformed_frame",
           std::string(to_string(e)) + ": " + std::to_string(frame.size()) + " bytes, mode byte " +
               std::to_string(frame.empty() ? -1 : frame[0]));
    return;
  }
  switch (subs_.admit(tick_)) {
    case subscriptions::verdict::fresh:
      ++stats_.ticks;
      quiet_since_ns_ = wall_.now_ns();
      stale_reported_ = false;
      if (handler_) handler_(tick_);
      return;
    case subscriptions::verdict::duplicate:
      ++stats_.duplicates;
      // One report per interval for the whole feed: after a reconnect every instrument repeats.
      reject("", "duplicate", std::string(tick_.exchange) + ":" + std::string(tick_.token) + " sequence " +
                                  std::to_string(tick_.sequence) + " again");
      return;
    case subscriptions::verdict::unsubscribed:
      ++stats_.unsubscribed;
      return;
  }
}

void smartstream_feed::on_text(std::string_view text) {
  if (text == "pong") {
    ++stats_.pongs;
    return;
  }
  // Error frames: {"correlationID":"...","errorCode":"E1002","errorMessage":"..."}.
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  std::string_view code, message;
  if (!parser.parse(text.data(), text.size()).get(doc) && !doc["errorCode"].get(code)) {
    if (doc["errorMessage"].get(message)) message = {};
    ++stats_.server_errors;
    SPDLOG_WARN("market feed: server error {} {}", code, message);
    reject("", "server_error", std::string(code) + " " + std::string(message));
    return;
  }
  ++stats_.malformed;
  reject("", "malformed_frame", "unexpected text message of " + std::to_string(text.size()) + " bytes");
}

void smartstream_feed::reject(std::string_view instrument, std::string_view reason, std::string detail) {
  if (auto e = rejections_.add("feed", instrument, reason, std::move(detail), wall_.now_ns()); e && sink_)
    sink_(std::move(*e));
}

asio::awaitable<void> smartstream_feed::watch() {
  while (!stopped_) {
    check_timer_.expires_after(std::chrono::nanoseconds(options_.check_interval_ns));
    boost::system::error_code ec;
    co_await check_timer_.async_wait(asio::redirect_error(asio::use_awaitable, ec));
    if (ec || stopped_) co_return;
    check(wall_.now_ns());
  }
}

void smartstream_feed::check(std::int64_t now_ns) {
  due_.clear();
  rejections_.flush(now_ns, due_);
  for (auto& e : due_)
    if (sink_) sink_(std::move(e));
  const bool open = !options_.in_session || options_.in_session(now_ns);
  if (open && !in_session_) quiet_since_ns_ = std::max(quiet_since_ns_, now_ns);  // silence counts from the open
  in_session_ = open;
  if (!open || subs_.size() == 0 || stale_reported_) return;
  const std::int64_t silent = now_ns - quiet_since_ns_;
  if (silent < options_.stale_after_ns) return;
  stale_reported_ = true;
  SPDLOG_WARN("market feed: no tick for {} ms", silent / 1'000'000);
  if (sink_) sink_(events::feed_stale{"market", silent});
}

}  // namespace strike::brokers::angelone::smartstream
