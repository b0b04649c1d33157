#include "daemon/broker_candles.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>

namespace strike::daemon {

namespace ev = strike::events;

brokers::candle_interval interval_of(ev::timeframe tf) {
  switch (tf) {
    case ev::timeframe::m1:
      return brokers::candle_interval::m1;
    case ev::timeframe::m5:
      return brokers::candle_interval::m5;
    case ev::timeframe::m15:
      return brokers::candle_interval::m15;
    case ev::timeframe::h1:
      return brokers::candle_interval::h1;
    case ev::timeframe::d1:
      return brokers::candle_interval::d1;
  }
  return brokers::candle_interval::m1;
}

void broker_candles::request_candles(const core::market::candle_request& r,
                                     std::function<void(core::market::candle_reply)> deliver) {
  brokers::candle_request request{r.instrument, interval_of(r.timeframe), r.from_ns, r.to_ns};
  boost::asio::co_spawn(
      io_,
      [this, request = std::move(request),
       deliver = std::move(deliver)]() mutable -> boost::asio::awaitable<void> {
        auto got = co_await broker_.candles(std::move(request));
        if (!got) {
          deliver(got.error());
          co_return;
        }
        deliver(bars_of(*got));
      },
      boost::asio::detached);
}

std::vector<core::market::bar> bars_of(const std::vector<brokers::candle>& candles) {
  std::vector<core::market::bar> bars;
  bars.reserve(candles.size());
  for (const auto& c : candles)
    bars.push_back(
        {c.open_ns, c.open_paise, c.high_paise, c.low_paise, c.close_paise, c.volume, 0});
  return bars;
}

}  // namespace strike::daemon
