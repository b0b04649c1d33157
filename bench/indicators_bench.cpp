// Nanoseconds per update of each indicator (docs/performance.md, "Market data").
#include <benchmark/benchmark.h>

#include "bench/market_series.hpp"
#include "core/market/adx.hpp"
#include "core/market/atr.hpp"
#include "core/market/bands.hpp"
#include "core/market/kalman.hpp"
#include "core/market/moving_averages.hpp"
#include "core/market/rsi.hpp"
#include "core/market/vwap.hpp"

namespace {

using strike::core::market::bar;

// Runs `update` over the bar series, round and round, one bar per iteration.
template <class Update>
void over_bars(benchmark::State& state, Update&& update) {
  const auto& bars = strike::bench::minute_bars();
  std::size_t i = 0;
  for (auto _ : state) {
    update(bars[i]);
    if (++i == bars.size()) i = 0;
  }
  state.SetItemsProcessed(state.iterations());
}

void BM_sma20(benchmark::State& s) {
  strike::core::market::sma ind(20);
  over_bars(s, [&](const bar& b) {
    ind.update(b.close);
    benchmark::DoNotOptimize(ind.value());
  });
}
void BM_ema20(benchmark::State& s) {
  strike::core::market::ema ind(20);
  over_bars(s, [&](const bar& b) {
    ind.update(static_cast<double>(b.close));
    benchmark::DoNotOptimize(ind.value());
  });
}
void BM_rsi14(benchmark::State& s) {
  strike::core::market::rsi ind(14);
  over_bars(s, [&](const bar& b) {
    ind.update(static_cast<double>(b.close));
    benchmark::DoNotOptimize(ind.value());
  });
}
void BM_atr14(benchmark::State& s) {
  strike::core::market::atr ind(14);
  over_bars(s, [&](const bar& b) {
    ind.update(static_cast<double>(b.high), static_cast<double>(b.low),
               static_cast<double>(b.close));
    benchmark::DoNotOptimize(ind.value());
  });
}
void BM_adx14(benchmark::State& s) {
  strike::core::market::adx ind(14);
  over_bars(s, [&](const bar& b) {
    ind.update(static_cast<double>(b.high), static_cast<double>(b.low),
               static_cast<double>(b.close));
    benchmark::DoNotOptimize(ind.value());
    benchmark::DoNotOptimize(ind.plus_di());
  });
}
void BM_vwap(benchmark::State& s) {
  strike::core::market::vwap ind;
  over_bars(s, [&](const bar& b) {
    ind.update(b);
    benchmark::DoNotOptimize(ind.value());
  });
}
void BM_bollinger20_2(benchmark::State& s) {
  strike::core::market::bollinger ind(20, 2.0);
  over_bars(s, [&](const bar& b) {
    ind.update(b.close);
    benchmark::DoNotOptimize(ind.upper());
    benchmark::DoNotOptimize(ind.lower());
  });
}
void BM_zscore20(benchmark::State& s) {
  strike::core::market::zscore ind(20);
  over_bars(s, [&](const bar& b) {
    ind.update(b.close);
    benchmark::DoNotOptimize(ind.value());
  });
}
void BM_kalman(benchmark::State& s) {
  strike::core::market::kalman_mean ind;
  over_bars(s, [&](const bar& b) {
    ind.update(static_cast<double>(b.close));
    benchmark::DoNotOptimize(ind.mean());
    benchmark::DoNotOptimize(ind.zscore());
  });
}

}  // namespace

BENCHMARK(BM_sma20);
BENCHMARK(BM_ema20);
BENCHMARK(BM_rsi14);
BENCHMARK(BM_atr14);
BENCHMARK(BM_adx14);
BENCHMARK(BM_vwap);
BENCHMARK(BM_bollinger20_2);
BENCHMARK(BM_zscore20);
BENCHMARK(BM_kalman);
