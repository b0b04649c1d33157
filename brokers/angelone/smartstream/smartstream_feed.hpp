// Angel One's SmartStream 2.0 market feed (protocol fact sheet, section 7) as a market_feed:
// a ws::link to the feed URL with the session's tokens, subscriptions restored on every
// connect, binary ticks decoded by tick_parser and filtered by subscriptions::admit (each
// tick is delivered once, however often it arrives).
//
// Reported through the sink: FeedConnected / FeedDisconnected (from the link), FeedStale when
// no tick arrived for stale_after_ns while in_session says the market is open (once per
// silence), and MarketDataRejected (source "feed") for malformed frames ("malformed_frame",
// detail naming the defect), server error frames ("server_error") and duplicates
// ("duplicate"), each rate-limited to one report per kind per rejection_report_ns with a count.
//
// Reactor thread only; see market_feed for lifetimes.
#pragma once

#include <simdjson.h>

#include <boost/asio/any_io_executor.hpp>
#include <filesystem>
#include <boost/asio/steady_timer.hpp>
#include <functional>
#include <memory>
#include <string>

#include "brokers/angelone/client.hpp"
#include "brokers/angelone/feed_defaults.hpp"
#include "brokers/angelone/feed_session.hpp"
#include "brokers/angelone/smartstream/subscriptions.hpp"
#include "brokers/event_sink.hpp"
#include "brokers/feeds.hpp"
#include "brokers/ws/ws_link.hpp"
#include "core/clock.hpp"
#include "core/market/rejection_counter.hpp"

namespace strike::brokers::angelone::smartstream {

struct feed_options {
  std::string url{smart_stream_url};
  std::filesystem::path ca_file;  // trusted roots (PEM); empty: the system's
  bool query_auth = false;        // credentials in the query (the browser form) instead of headers
  ws::link_options link = default_link_options();  // feed_name is set to "market"
  std::int64_t stale_after_ns = feed_stale_after_ns;
  std::int64_t check_interval_ns = 1'000'000'000;  // stale checks and rejection reports
  std::int64_t rejection_report_ns = 60'000'000'000;
  // Whether the market is open at a UTC time (stale checks apply only then); empty: always.
  std::function<bool(std::int64_t)> in_session;
};

class smartstream_feed final : public market_feed, private ws::link_owner {
 public:
  // wall: the clock for session checks and stale timing; it, the client and the sink's target
  // must outlive the feed. Fails on a bad URL or an unusable CA file.
  static result<std::unique_ptr<smartstream_feed>> create(boost::asio::any_io_executor ex, client& c,
                                                          const core::clock& wall, feed_options options,
                                                          event_sink sink);
  ~smartstream_feed() override;

  void on_tick(tick_handler h) override { handler_ = std::move(h); }
  status subscribe(std::span<const std::string> instruments, feed_mode mode) override;
  status unsubscribe(std::span<const std::string> instruments) override;
  void start() override;
  void stop() override;
  market_feed_stats stats() const override;

  // Drops the connection now (it reconnects as after any failure). For operators and tests.
  void drop_connection(std::string reason) { link_->reconnect(std::move(reason)); }

 private:
  smartstream_feed(boost::asio::any_io_executor ex, client& c, const core::clock& wall, feed_options options,
                   ws::ws_url url, std::shared_ptr<boost::asio::ssl::context> tls, event_sink sink);

  boost::asio::awaitable<result<ws::ws_request>> prepare() override { return session_.request(); }
  void on_refused(std::uint64_t generation, const error& why) override { session_.refused(generation, why); }
  std::int64_t on_open() override;
  void on_message(const ws::ws_message& m) override;
  void on_down(std::string_view) override {}

  void on_binary(std::span<const std::uint8_t> frame);
  void on_text(std::string_view text);
  void reject(std::string_view instrument, std::string_view reason, std::string detail);
  void send_all(std::vector<std::string>& messages);
  boost::asio::awaitable<void> watch();
  void check(std::int64_t now_ns);

  const core::clock& wall_;
  feed_options options_;
  event_sink sink_;
  feed_session session_;
  std::unique_ptr<ws::link> link_;
  subscriptions subs_;
  core::market::rejection_counter rejections_;
  tick_handler handler_;
  market_tick tick_;  // decoded into, reused
  boost::asio::steady_timer check_timer_;
  market_feed_stats stats_;
  bool started_ = false;
  bool stopped_ = false;
  std::int64_t quiet_since_ns_ = 0;   // last tick, or when the silence started to count
  bool in_session_ = false;
  bool stale_reported_ = false;
  std::vector<events::market_data_rejected> due_;
};

}  // namespace strike::brokers::angelone::smartstream
