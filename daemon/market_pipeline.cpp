#include "daemon/market_pipeline.hpp"

#include <spdlog/spdlog.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>

#include "core/ist.hpp"

namespace strike::daemon {

namespace ev = strike::events;

brokers::candle_interval interval_of(ev::timeframe tf) {
  switch (tf) {
    case ev::timeframe::m1: return brokers::candle_interval::m1;
    case ev::timeframe::m5: return brokers::candle_interval::m5;
    case ev::timeframe::m15: return brokers::candle_interval::m15;
    case ev::timeframe::h1: return brokers::candle_interval::h1;
    case ev::timeframe::d1: return brokers::candle_interval::d1;
  }
  return brokers::candle_interval::m1;
}

market_pipeline::market_pipeline(boost::asio::io_context& io, core::bus& bus, const core::clock& clock,
                                 core::strategy::strategy_runner& runner, storage::bar_store& store,
                                 storage::bar_file_writer* files, brokers::broker& broker,
                                 std::vector<std::string> journal_bars)
    : io_(io), bus_(bus), clock_(clock), runner_(runner), store_(store), files_(files), broker_(broker) {
  for (auto& i : journal_bars) {
    if (i == "*") journal_all_ = true;
    journaled_.insert(std::move(i));
  }
}

void market_pipeline::on_bar(const std::string& instrument, ev::timeframe tf, const core::market::bar& b) {
  ++bars_;
  store_.append(instrument, tf, b);
  if (files_)
    if (auto s = files_->append(instrument, tf, b); !s) SPDLOG_WARN("bar file: {}", s.error().message);
  if (journal_all_ || journaled_.count(instrument)) {
    const std::string key = instrument + "/" + std::string(ev::to_string(tf)) + "/" + std::to_string(b.start_ns);
    (void)bus_.publish(core::market::to_event(instrument, tf, b), {.key = key});
  }
  // A bar that ended more than a bar ago (a backfill after a restart or an outage) feeds the
  // strategy's indicators but is too old to act on.
  const std::int64_t now = clock_.now_ns();
  const std::int64_t len = tf == ev::timeframe::d1 ? core::ns_per_day
                           : tf == ev::timeframe::h1 ? 3600 * core::ns_per_s
                           : tf == ev::timeframe::m15 ? 900 * core::ns_per_s
                           : tf == ev::timeframe::m5  ? 300 * core::ns_per_s
                                                      : 60 * core::ns_per_s;
  runner_.on_bar(instrument, tf, b, now, now - (b.start_ns + len) > len);
}

void market_pipeline::on_event(ev::payload e) { (void)bus_.publish(std::move(e)); }

void market_pipeline::request_candles(const core::market::candle_request& r,
                                      std::function<void(core::market::candle_reply)> deliver) {
  brokers::candle_request request{r.instrument, interval_of(r.timeframe), r.from_ns, r.to_ns};
  boost::asio::co_spawn(
      io_,
      [this, request = std::move(request), deliver = std::move(deliver)]() mutable -> boost::asio::awaitable<void> {
        auto got = co_await broker_.candles(std::move(request));
        if (!got) {
          deliver(got.error());
          co_return;
        }
        std::vector<core::market::bar> bars;
        bars.reserve(got->size());
        for (const auto& c : *got)
          bars.push_back({c.open_ns, c.open_paise, c.high_paise, c.low_paise, c.close_paise, c.volume, 0});
        deliver(std::move(bars));
      },
      boost::asio::detached);
}

}  // namespace strike::daemon
