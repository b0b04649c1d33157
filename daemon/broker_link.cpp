#include "daemon/broker_link.hpp"

#include <utility>

#include "brokers/angelone/client.hpp"
#include "brokers/angelone/order_feed/order_update_feed.hpp"
#include "brokers/angelone/smartstream/smartstream_feed.hpp"
#include "brokers/paper/paper_broker.hpp"
#include "brokers/timekeeper.hpp"
#include "daemon/broker_setup.hpp"
#include "daemon/feed_config.hpp"

namespace strike::daemon {

result<std::unique_ptr<broker_link>> broker_link::create(boost::asio::io_context& io,
                                                         const config& cfg,
                                                         const core::clock& market_clock,
                                                         std::function<bool()> in_session,
                                                         brokers::event_sink sink) {
  std::unique_ptr<broker_link> link(new broker_link());
  link->time_ = std::make_unique<brokers::real_timekeeper>(link->real_clock_, &market_clock);
  auto creds = read_credentials(cfg.broker);
  if (!creds) return creds.error();
  auto client = brokers::angelone::client::create(
      io.get_executor(), *link->time_, angelone_settings(cfg.broker, cfg.daemon.state_dir),
      std::move(*creds), sink);
  if (!client) return client.error();
  auto& angel = **client;
  const auto& t = cfg.trading;
  if (cfg.daemon.mode == "paper") {
    link->paper_ = std::make_unique<brokers::paper::paper_broker>(
        market_clock, t.paper, t.trading.risk.capital_paise, &angel);
    link->orders_ = link->paper_.get();
  } else {
    link->orders_ = &angel;
  }

  auto stream = stream_options(cfg.feeds, cfg.broker);
  stream.in_session = [in_session = std::move(in_session)](std::int64_t) { return in_session(); };
  auto feed = brokers::angelone::smartstream::smartstream_feed::create(io.get_executor(), angel,
                                                                       market_clock, stream, sink);
  if (!feed) return feed.error();
  link->market_feed_ = std::move(*feed);
  if (!link->paper_) {
    auto orders = brokers::angelone::order_update_feed::create(
        io.get_executor(), angel, order_options(cfg.feeds, cfg.broker), sink);
    if (!orders) return orders.error();
    link->order_feed_ = std::move(*orders);
  }
  link->market_ = std::move(*client);
  return link;
}

broker_link::~broker_link() {
  stop();
}

void broker_link::start_feeds() {
  market_feed_->start();
  if (order_feed_) order_feed_->start();
}

void broker_link::stop() {
  if (std::exchange(stopped_, true)) return;
  if (market_feed_) market_feed_->stop();
  if (order_feed_) order_feed_->stop();
  if (market_) market_->shutdown();
}

}  // namespace strike::daemon
