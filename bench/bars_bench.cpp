// Nanoseconds per tick of the bar aggregation (docs/performance.md, "Market data").
#include <benchmark/benchmark.h>

#include "bench/market_series.hpp"
#include "core/clock.hpp"
#include "core/market/market_bars.hpp"
#include "core/market/tick_bars.hpp"

namespace {

using namespace strike;

struct counting_sink final : core::market::market_sink {
  std::int64_t bars = 0;
  void on_bar(const std::string&, events::timeframe, const core::market::bar&) override { ++bars; }
  void on_event(events::payload) override {}
};

struct no_candles final : core::market::candle_source {
  void request_candles(const core::market::candle_request&,
                       std::function<void(core::market::candle_reply)> deliver) override {
    deliver(std::vector<core::market::bar>{});
  }
};

// Replays the session's ticks lap after lap, each lap a day later, one tick per iteration.
template <class Feed>
void over_ticks(benchmark::State& state, Feed&& feed) {
  const auto& ticks = bench::session_ticks();
  std::size_t i = 0;
  std::int64_t shift = 0;
  for (auto _ : state) {
    core::market::tick t = ticks[i];
    t.ts_ns += shift;
    feed(t);
    if (++i == ticks.size()) i = 0, shift += core::ns_per_day;
  }
  state.SetItemsProcessed(state.iterations());
}

// Ticks into 1m bars only.
void BM_ticks_to_1m_bars(benchmark::State& state) {
  core::market::tick_bars minutes(core::market::bar_period::of_minutes(1), {});
  std::int64_t closed = 0;
  over_ticks(state,
             [&](const core::market::tick& t) { closed += minutes.on_tick(t).closed.has_value(); });
  state.counters["bars"] = static_cast<double>(closed);
}

// The engine: ticks into 1m, 5m, 15m, 1h and daily bars, gap checks, released to a sink.
void BM_ticks_to_all_timeframes(benchmark::State& state) {
  counting_sink sink;
  no_candles source;
  core::market::market_bars engine(sink, source,
                                   bench::session_ticks().front().ts_ns - core::ns_per_day);
  const auto h = engine.instrument("NSE:99926000");
  over_ticks(state, [&](const core::market::tick& t) { engine.on_tick(h, t); });
  state.counters["bars"] = static_cast<double>(sink.bars);
}

}  // namespace

BENCHMARK(BM_ticks_to_1m_bars);
BENCHMARK(BM_ticks_to_all_timeframes);
