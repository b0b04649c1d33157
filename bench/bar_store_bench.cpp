// The bar store: append and read costs, and memory per instrument measured from the heap
// (docs/performance.md, "Market data").
#include <benchmark/benchmark.h>
#include <malloc.h>

#include <string>
#include <vector>

#include "bench/market_series.hpp"
#include "storage/bar_store.hpp"

namespace {

using namespace strike;

// Append through the store's name lookup, as a caller without a kept series reference would.
void BM_store_append_by_name(benchmark::State& state) {
  storage::bar_store store(500);
  const auto& bars = bench::minute_bars();
  std::int64_t shift = 0;
  std::size_t i = 0;
  for (auto _ : state) {
    auto b = bars[i];
    b.start_ns += shift;
    benchmark::DoNotOptimize(store.append("NSE:99926000", events::timeframe::m1, b));
    if (++i == bars.size()) i = 0, shift += 400LL * 24 * 3600 * 1'000'000'000;
  }
  state.SetItemsProcessed(state.iterations());
}

// Append to a ring held by reference (the hot path).
void BM_ring_append(benchmark::State& state) {
  storage::bar_store store(500);
  auto& ring = store.of("NSE:99926000").ring(events::timeframe::m1);
  core::market::bar b = bench::minute_bars().front();
  for (auto _ : state) {
    b.start_ns += 60'000'000'000;
    benchmark::DoNotOptimize(ring.push(b));
  }
  state.SetItemsProcessed(state.iterations());
}

// last(N) on a full, wrapped ring: the view costs the same for every N.
void BM_ring_last_view(benchmark::State& state) {
  storage::bar_store store(500);
  auto& ring = store.of("NSE:99926000").ring(events::timeframe::m1);
  for (const auto& b : bench::minute_bars()) (void)ring.push(b);
  const auto n = static_cast<std::size_t>(state.range(0));
  for (auto _ : state) {
    auto v = ring.last(n);
    benchmark::DoNotOptimize(v.back().close);
  }
}

// last(N) and a pass over the N bars (summing closes), to show reading cost per bar.
void BM_ring_last_and_sum(benchmark::State& state) {
  storage::bar_store store(500);
  auto& ring = store.of("NSE:99926000").ring(events::timeframe::m1);
  for (const auto& b : bench::minute_bars()) (void)ring.push(b);
  const auto n = static_cast<std::size_t>(state.range(0));
  for (auto _ : state) {
    std::int64_t sum = 0;
    for (const auto& b : ring.last(n)) sum += b.close;
    benchmark::DoNotOptimize(sum);
  }
  state.SetItemsProcessed(state.iterations() * state.range(0));
}

// Heap bytes per instrument at capacity 500, all five timeframes, from malloc's own count
// (mallinfo2) over 1000 instruments; the store's own arithmetic alongside.
void BM_store_memory_per_instrument(benchmark::State& state) {
  constexpr int instruments = 1000;
  double measured = 0;
  std::size_t computed = 0;
  for (auto _ : state) {
    const auto before = mallinfo2();
    {
      storage::bar_store store(500);
      for (int i = 0; i < instruments; ++i) (void)store.of("NFO:" + std::to_string(100000 + i));
      const auto after = mallinfo2();
      measured =
          static_cast<double>(after.uordblks + after.hblkhd - before.uordblks - before.hblkhd) /
          instruments;
      computed = store.bytes_per_instrument();
    }
  }
  state.counters["heap_bytes_per_instrument"] = measured;
  state.counters["ring_bytes_per_instrument"] = static_cast<double>(computed);
  state.counters["bytes_per_bar"] = static_cast<double>(sizeof(core::market::bar));
}

}  // namespace

BENCHMARK(BM_store_append_by_name);
BENCHMARK(BM_ring_append);
BENCHMARK(BM_ring_last_view)->Arg(1)->Arg(50)->Arg(500);
BENCHMARK(BM_ring_last_and_sum)->Arg(50)->Arg(500);
BENCHMARK(BM_store_memory_per_instrument)->Iterations(3);
