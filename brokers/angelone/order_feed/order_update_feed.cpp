#include "brokers/angelone/order_feed/order_update_feed.hpp"

#include <spdlog/spdlog.h>

#include <boost/asio/ssl/context.hpp>

#include "brokers/http/tls_context.hpp"

namespace strike::brokers::angelone {

namespace asio = boost::asio;

result<std::unique_ptr<order_update_feed>> order_update_feed::create(asio::any_io_executor ex, client& c,
                                                                     order_feed_options options, event_sink sink) {
  auto url = ws::parse_ws_url(options.url);
  if (!url) return url.error();
  auto tls = http::make_tls_context(options.ca_file);
  if (!tls) return tls.error();
  return std::unique_ptr<order_update_feed>(
      new order_update_feed(ex, c, std::move(options), std::move(*url), std::move(*tls), std::move(sink)));
}

order_update_feed::order_update_feed(asio::any_io_executor ex, client& c, order_feed_options options, ws::ws_url url,
                                     std::shared_ptr<asio::ssl::context> tls, event_sink sink)
    : options_(std::move(options)),
      session_(c, feed_kind::order_updates, std::move(url), false),
      tracker_(options_.ticks) {
  options_.link.feed_name = "orders";
  link_ = std::make_unique<ws::link>(ex, std::move(tls), options_.link, static_cast<ws::link_owner&>(*this), std::move(sink));
  session_.on_change([this](std::uint64_t generation) {
    if (started_ && !stopped_ && link_->generation() != 0 && generation != link_->generation())
      link_->reconnect("the session's tokens changed");
  });
}

order_update_feed::~order_update_feed() { stop(); }

void order_update_feed::start() {
  if (started_ || stopped_) return;
  started_ = true;
  link_->start();
}

void order_update_feed::stop() {
  if (stopped_) return;
  stopped_ = true;
  link_->stop();
}

order_feed_stats order_update_feed::stats() const {
  order_feed_stats s = stats_;
  s.connected = link_->connected();
  s.connects = link_->connects();
  s.reconnects = link_->reconnects();
  return s;
}

std::int64_t order_update_feed::on_open() {
  tracker_.reset();
  return 0;
}

void order_update_feed::on_message(const ws::ws_message& m) {
  const std::string_view text(reinterpret_cast<const char*>(m.data.data()), m.data.size());
  if (!m.text || text == "pong") return;
  auto update = parse_order_update(parser_, text);
  if (!update) {
    // Logged without the text: it names the account and orders.
    if (stats_.malformed++ % 100 == 0)
      SPDLOG_WARN("order feed: unreadable update ({}); {} so far", update.error().message, stats_.malformed);
    return;
  }
  if (!update->has_order) return;  // the greeting, or a status without an order
  ++stats_.messages;
  std::optional<trade_info> fill;
  if (tracker_.on_update(*update, fill) == fill_tracker::verdict::repeat) {
    ++stats_.duplicates;
    return;
  }
  ++stats_.updates;
  if (fill) ++stats_.fills;
  if (handler_) handler_(update->order, fill);
}

}  // namespace strike::brokers::angelone
