// The runtime's side of the broker: the Angel One client (session, instrument master, candles,
// live orders), the market feed, and where orders go — Angel One live, or the paper broker that
// fills on Angel One's market data.
//
// The broker lives in real time whatever the market clock: TOTP codes, token lifetimes, rate
// limits and backoff are about the real world even when a demo plays the market faster.
//
// Reactor thread only.
#pragma once

#include <boost/asio/io_context.hpp>
#include <functional>
#include <memory>

#include "base/result.hpp"
#include "brokers/broker.hpp"
#include "brokers/event_sink.hpp"
#include "brokers/feeds.hpp"
#include "core/clock.hpp"
#include "daemon/config.hpp"

namespace strike::brokers {
class timekeeper;
namespace paper {
class paper_broker;
}
}  // namespace strike::brokers

namespace strike::daemon {

class broker_link {
 public:
  // Builds the client, the feeds and, in paper mode, the paper broker on market_clock. Fails,
  // saying why, on bad broker settings or credentials; nothing is connected yet.
  // in_session: whether the market is open (the market feed's staleness is judged only then).
  static result<std::unique_ptr<broker_link>> create(boost::asio::io_context& io, const config& cfg,
                                                     const core::clock& market_clock,
                                                     std::function<bool()> in_session,
                                                     brokers::event_sink sink);
  ~broker_link();
  broker_link(const broker_link&) = delete;
  broker_link& operator=(const broker_link&) = delete;

  brokers::broker& market() { return *market_; }
  brokers::broker& orders() { return *orders_; }
  brokers::paper::paper_broker* paper() { return paper_.get(); }  // null when live
  brokers::market_feed& market_feed() { return *market_feed_; }
  const brokers::market_feed& market_feed() const { return *market_feed_; }
  brokers::order_feed* order_feed() { return order_feed_.get(); }  // null in paper mode
  const brokers::order_feed* order_feed() const { return order_feed_.get(); }
  brokers::timekeeper& time() { return *time_; }

  void start_feeds();
  // Stops the feeds and the client. Handlers do not run after it returns.
  void stop();

 private:
  broker_link() = default;

  core::system_clock real_clock_;
  std::unique_ptr<brokers::timekeeper> time_;
  std::unique_ptr<brokers::broker> market_;
  std::unique_ptr<brokers::paper::paper_broker> paper_;
  brokers::broker* orders_ = nullptr;
  std::unique_ptr<brokers::market_feed> market_feed_;
  std::unique_ptr<brokers::order_feed> order_feed_;
  bool stopped_ = false;
};

}  // namespace strike::daemon
