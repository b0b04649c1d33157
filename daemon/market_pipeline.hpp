// Where closed bars go, and where the bar engine's backfill requests come from: bars are kept
// in the bar store and the day's bar file, journaled as BarClosed for the configured
// instruments, and handed to the strategy; gap backfills are fetched from the broker's
// historical candles.
#pragma once

#include <boost/asio/io_context.hpp>
#include <set>
#include <string>

#include "brokers/broker.hpp"
#include "core/bus.hpp"
#include "core/clock.hpp"
#include "core/market/candle_source.hpp"
#include "core/market/market_bars.hpp"
#include "core/strategy/strategy_runner.hpp"
#include "storage/bar_files.hpp"
#include "storage/bar_store.hpp"

namespace strike::daemon {

class market_pipeline final : public core::market::market_sink, public core::market::candle_source {
 public:
  // Everything referenced outlives the pipeline. files may be null (no bar files).
  market_pipeline(boost::asio::io_context& io, core::bus& bus, const core::clock& clock,
                  core::strategy::strategy_runner& runner, storage::bar_store& store,
                  storage::bar_file_writer* files, brokers::broker& broker, std::vector<std::string> journal_bars);

  void on_bar(const std::string& instrument, events::timeframe tf, const core::market::bar& b) override;
  void on_event(events::payload e) override;
  void request_candles(const core::market::candle_request& r,
                       std::function<void(core::market::candle_reply)> deliver) override;

  std::int64_t bars() const { return bars_; }

 private:
  boost::asio::io_context& io_;
  core::bus& bus_;
  const core::clock& clock_;
  core::strategy::strategy_runner& runner_;
  storage::bar_store& store_;
  storage::bar_file_writer* files_;
  brokers::broker& broker_;
  std::set<std::string, std::less<>> journaled_;
  bool journal_all_ = false;
  std::int64_t bars_ = 0;
};

// The broker's candle interval for a bar timeframe.
brokers::candle_interval interval_of(events::timeframe tf);

}  // namespace strike::daemon
