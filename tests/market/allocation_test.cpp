// "No allocation per update" as a test: this file replaces the global operator new for the
// market test program with one that counts while a scope asks it to.
#include <doctest/doctest.h>

#include <cstdlib>
#include <new>

#include "core/market/adx.hpp"
#include "core/market/atr.hpp"
#include "core/market/bands.hpp"
#include "core/market/kalman.hpp"
#include "core/market/market_bars.hpp"
#include "core/market/moving_averages.hpp"
#include "core/market/rsi.hpp"
#include "core/market/vwap.hpp"
#include "storage/bar_store.hpp"
#include "tests/market/market_ports.hpp"
#include "tests/market/tick_stream.hpp"

namespace {
thread_local bool counting = false;
thread_local long allocations = 0;

struct count_allocations {
  count_allocations() {
    allocations = 0;
    counting = true;
  }
  ~count_allocations() { counting = false; }
};
}  // namespace

// Out of line, so the compiler does not pair these malloc/free calls with new/delete expressions
// and warn about a mismatch that is not there.
[[gnu::noinline]] static void* raw_allocate(std::size_t n) {
  return std::malloc(n ? n : 1);
}
[[gnu::noinline]] static void raw_free(void* p) {
  std::free(p);
}

// Every plain form is replaced together, so whatever one allocates another frees consistently.
void* operator new(std::size_t n) {
  if (counting) ++allocations;
  if (void* p = raw_allocate(n)) return p;
  throw std::bad_alloc();
}
void* operator new[](std::size_t n) {
  return operator new(n);
}
void* operator new(std::size_t n, const std::nothrow_t&) noexcept {
  if (counting) ++allocations;
  return raw_allocate(n);
}
void* operator new[](std::size_t n, const std::nothrow_t& tag) noexcept {
  return operator new(n, tag);
}
void operator delete(void* p) noexcept {
  raw_free(p);
}
void operator delete[](void* p) noexcept {
  raw_free(p);
}
void operator delete(void* p, std::size_t) noexcept {
  raw_free(p);
}
void operator delete[](void* p, std::size_t) noexcept {
  raw_free(p);
}
void operator delete(void* p, const std::nothrow_t&) noexcept {
  raw_free(p);
}
void operator delete[](void* p, const std::nothrow_t&) noexcept {
  raw_free(p);
}

using namespace strike;
using core::market::bar;

namespace {
struct null_sink final : core::market::market_sink {
  long bars = 0;
  void on_bar(const std::string&, events::timeframe, const bar&) override { ++bars; }
  void on_event(events::payload) override {}
};
}  // namespace

TEST_CASE("indicator updates allocate nothing") {
  core::market::sma s(20);
  core::market::ema e(20);
  core::market::rsi r(14);
  core::market::atr a(14);
  core::market::adx d(14);
  core::market::vwap v;
  core::market::bollinger bb(20, 2);
  core::market::zscore z(20);
  core::market::kalman_mean k;
  {
    count_allocations scope;
    for (int i = 0; i < 10'000; ++i) {
      const std::int64_t p = 2'500'000 + (i * 37 % 1000);
      const bar b{core::ist_time_ns({2025, 1, 2}, 555 + i % 375), p, p + 50, p - 50, p + 5, 100, 0};
      s.update(b.close), e.update(static_cast<double>(b.close)),
          r.update(static_cast<double>(b.close));
      a.update(static_cast<double>(b.high), static_cast<double>(b.low),
               static_cast<double>(b.close));
      d.update(static_cast<double>(b.high), static_cast<double>(b.low),
               static_cast<double>(b.close));
      v.update(b), bb.update(b.close), z.update(b.close), k.update(static_cast<double>(b.close));
    }
  }
  CHECK(allocations == 0);
  CHECK(d.ready());
}

TEST_CASE("ticks of a running session allocate nothing, bar closes included") {
  const auto ticks = test::make_ticks({.days = 2, .seed = 21});
  null_sink sink;
  test::vector_candle_source source;
  core::market::market_bars engine(sink, source, ticks.front().ts_ns - core::ns_per_day);
  const auto h = engine.instrument("NSE:99926000");
  const std::int64_t second_day = core::ist_time_ns({2025, 10, 14}, 0);
  std::size_t i = 0;
  for (; ticks[i].ts_ns < second_day; ++i)
    engine.on_tick(h, ticks[i]);  // warm-up: buffers grow once
  const long before = sink.bars;
  {
    count_allocations scope;
    for (; i < ticks.size(); ++i) engine.on_tick(h, ticks[i]);
  }
  CHECK(allocations == 0);
  CHECK(sink.bars - before > 375);
}

TEST_CASE("appending to and reading from the bar store allocates nothing once a series exists") {
  storage::bar_store store(500);
  auto& series = store.of("NSE:99926000");
  bool sizes_right = true;
  {
    count_allocations scope;
    for (int i = 0; i < 2'000; ++i) {
      (void)series.ring(events::timeframe::m1).push({i, 1, 1, 1, 1, 0, 0});
      const auto last = series.ring(events::timeframe::m1).last(50);
      sizes_right = sizes_right && last.size() == static_cast<std::size_t>(std::min(50, i + 1));
    }
  }
  CHECK(allocations == 0);
  CHECK(sizes_right);
}
