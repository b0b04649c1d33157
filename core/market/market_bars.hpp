// The bar engine of the daemon: ticks of every instrument in, closed bars and market-data
// events out. It owns one instrument_bars per instrument, sends backfill requests through the
// candle_source port, and rate-limits rejection reports (rejection_counter).
//
// Single-threaded: every call, and every candle_source delivery, happens on the reactor thread.
// The sink and the source must outlive the engine; a delivery that arrives after the engine is
// gone is dropped. The sink must not call back into the engine from on_bar / on_event.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/market/candle_source.hpp"
#include "core/market/instrument_bars.hpp"
#include "core/market/rejection_counter.hpp"

namespace strike::core::market {

class market_sink {
 public:
  virtual ~market_sink() = default;
  // A closed bar, complete; per (instrument, timeframe) in start order.
  virtual void on_bar(const std::string& instrument, events::timeframe tf, const bar& b) = 0;
  // BarGapDetected, BarGapFilled or MarketDataRejected.
  virtual void on_event(events::payload e) = 0;
};

struct market_bars_options {
  bar_grid grid;
  repair_options repair;
  std::int64_t rejection_report_ns = 60 * ns_per_s;
};

class market_bars {
 public:
  market_bars(market_sink& sink, candle_source& source, std::int64_t started_ns,
              market_bars_options options = {});
  ~market_bars();

  // A stable handle for the instrument ("NSE:99926000"), created on first use.
  std::size_t instrument(std::string_view name);
  void seed(std::size_t handle, std::span<const bar> today_1m,
            const std::array<std::optional<std::int64_t>, 4>& last_coarse);

  void on_tick(std::size_t handle, const tick& t);
  // Closes bars whose end has passed, gives up overdue repairs, sends due backfill requests
  // and reports counted rejections. Call it from a clock timer (every second is plenty).
  void on_time(std::int64_t now_ns);
  void set_feed_down(std::int64_t since_ns);
  void set_feed_up(std::int64_t at_ns);

  const rejection_counter& rejections() const { return rejections_; }
  std::int64_t ticks() const { return ticks_; }

 private:
  void deliver(std::size_t handle, std::uint64_t id, const candle_reply& reply);
  void send_requests(std::int64_t now_ns);
  // Hands what out_ holds to the sink, in order. The sink must not call back into the engine.
  void flush_output(const std::string& instrument);

  market_sink& sink_;
  candle_source& source_;
  std::int64_t started_ns_;
  market_bars_options options_;
  std::vector<std::unique_ptr<instrument_bars>> instruments_;
  std::unordered_map<std::string, std::size_t> handles_;
  rejection_counter rejections_;
  bar_output out_;
  std::vector<candle_request> requests_;
  std::vector<events::market_data_rejected> reports_;
  std::int64_t now_ns_ = 0;
  std::int64_t ticks_ = 0;
  std::shared_ptr<market_bars*> self_;  // deliveries hold a weak_ptr to this
};

}  // namespace strike::core::market
