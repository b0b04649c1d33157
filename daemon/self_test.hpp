// The pre-open self-test: before trading, the daemon proves it can — a valid broker session,
// ticks arriving on the market feed, funds enough for one entry, the order path answering
// (an order-book read), and the local clock close to the exchange's tick times. The first
// failing check is named in SelfTestCompleted; trading stays blocked until one passes.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <cstdint>

#include "brokers/broker.hpp"
#include "brokers/feeds.hpp"
#include "daemon/runtime_config.hpp"
#include "events/event.hpp"

namespace strike::daemon {

struct tick_clock_sample {
  std::int64_t local_ns = 0;     // our clock when the newest tick arrived
  std::int64_t exchange_ns = 0;  // its exchange time
};

// market_now_ns: the exchange's time, against which the broker session's validity is judged
// (brokers/timekeeper.hpp, market_ns).
boost::asio::awaitable<events::self_test_completed> run_self_test(brokers::broker& broker,
                                                                  const brokers::market_feed* feed,
                                                                  tick_clock_sample last_tick,
                                                                  std::int64_t market_now_ns,
                                                                  const self_test_section& c);

}  // namespace strike::daemon
