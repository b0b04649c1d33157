// Historical candles from the broker (Angel One's getCandleData) as the bar engine's candle
// source: the gap backfills of a live or paper day.
#pragma once

#include <boost/asio/io_context.hpp>

#include "brokers/broker.hpp"
#include "core/market/candle_source.hpp"

namespace strike::daemon {

class broker_candles final : public core::market::candle_source {
 public:
  // io and broker outlive this source.
  broker_candles(boost::asio::io_context& io, brokers::broker& broker) : io_(io), broker_(broker) {}

  void request_candles(const core::market::candle_request& r,
                       std::function<void(core::market::candle_reply)> deliver) override;

 private:
  boost::asio::io_context& io_;
  brokers::broker& broker_;
};

// The broker's candle interval for a bar timeframe.
brokers::candle_interval interval_of(events::timeframe tf);

// The broker's candles as bars.
std::vector<core::market::bar> bars_of(const std::vector<brokers::candle>& candles);

}  // namespace strike::daemon
