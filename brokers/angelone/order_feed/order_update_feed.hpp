// Angel One's order-update WebSocket (protocol fact sheet, section 8) as an order_feed: a
// ws::link to the order-update URL with the session's tokens ("Bearer <jwt>"), every text
// message read by parse_order_update and passed through a fill_tracker, so each update is
// delivered once and a fill comes with it when it can be derived safely. The connect greeting
// (AB00) and "pong" replies deliver nothing.
//
// The stream may miss updates while it is down; the daemon's order-book polling stays on as
// the safety net, and its fills carry the same trade ids, so consumers that key fills by
// (order, fill id) record each once.
//
// Reactor thread only; see order_feed for lifetimes.
#pragma once

#include <simdjson.h>

#include <boost/asio/any_io_executor.hpp>
#include <filesystem>
#include <memory>
#include <string>

#include "brokers/angelone/client.hpp"
#include "brokers/angelone/feed_defaults.hpp"
#include "brokers/angelone/feed_session.hpp"
#include "brokers/angelone/order_feed/fill_tracker.hpp"
#include "brokers/event_sink.hpp"
#include "brokers/feeds.hpp"
#include "brokers/ws/ws_link.hpp"

namespace strike::brokers::angelone {

struct order_feed_options {
  std::string url{order_update_url};
  std::filesystem::path ca_file;  // trusted roots (PEM); empty: the system's
  ws::link_options link = default_link_options();  // feed_name is set to "orders"
  fill_tracker::tick_lookup ticks;  // tick size by instrument, for derived fill prices
};

class order_update_feed final : public order_feed, private ws::link_owner {
 public:
  // Fails on a bad URL or an unusable CA file. The client and the sink's target must outlive it.
  static result<std::unique_ptr<order_update_feed>> create(boost::asio::any_io_executor ex, client& c,
                                                           order_feed_options options, event_sink sink);
  ~order_update_feed() override;

  void on_update(update_handler h) override { handler_ = std::move(h); }
  void start() override;
  void stop() override;
  order_feed_stats stats() const override;

  void drop_connection(std::string reason) { link_->reconnect(std::move(reason)); }

 private:
  order_update_feed(boost::asio::any_io_executor ex, client& c, order_feed_options options, ws::ws_url url,
                    std::shared_ptr<boost::asio::ssl::context> tls, event_sink sink);

  boost::asio::awaitable<result<ws::ws_request>> prepare() override { return session_.request(); }
  void on_refused(std::uint64_t generation, const error& why) override { session_.refused(generation, why); }
  std::int64_t on_open() override;
  void on_message(const ws::ws_message& m) override;
  void on_down(std::string_view) override { tracker_.reset(); }

  order_feed_options options_;
  feed_session session_;
  std::unique_ptr<ws::link> link_;
  fill_tracker tracker_;
  simdjson::dom::parser parser_;
  update_handler handler_;
  order_feed_stats stats_;
  bool started_ = false;
  bool stopped_ = false;
};

}  // namespace strike::brokers::angelone
