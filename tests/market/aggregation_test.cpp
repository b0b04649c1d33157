#include <doctest/doctest.h>

#include <algorithm>

#include "core/market/bar_merger.hpp"
#include "core/market/market_bars.hpp"
#include "core/market/tick_bars.hpp"
#include "tests/market/market_ports.hpp"
#include "tests/market/reference_bars.hpp"
#include "tests/market/tick_stream.hpp"

using namespace strike;
using core::market::bar;
using core::market::bar_period;
namespace ev = strike::events;

namespace {

constexpr std::array<std::pair<ev::timeframe, int>, 5> timeframes{{{ev::timeframe::m1, 1},
                                                                   {ev::timeframe::m5, 5},
                                                                   {ev::timeframe::m15, 15},
                                                                   {ev::timeframe::h1, 60},
                                                                   {ev::timeframe::d1, 0}}};

// Every bar tick_bars makes from the ticks directly, at one period.
std::vector<bar> direct(const std::vector<core::market::tick>& ticks, bar_period p) {
  core::market::tick_bars tb(p, {});
  std::vector<bar> out;
  for (const auto& t : ticks)
    if (auto r = tb.on_tick(t); r.closed) out.push_back(*r.closed);
  if (auto last = tb.on_time(ticks.back().ts_ns + core::ns_per_day)) out.push_back(*last);
  return out;
}

// The engine, fed the ticks with the clock following them, then run past the last close.
test::recording_sink run_engine(const std::vector<core::market::tick>& ticks,
                                std::int64_t started) {
  test::recording_sink sink;
  test::vector_candle_source source;
  core::market::market_bars engine(sink, source, started);
  const auto h = engine.instrument("NSE:99926000");
  std::int64_t next_timer = ticks.front().ts_ns;
  for (const auto& t : ticks) {
    while (next_timer <= t.ts_ns) {
      engine.on_time(next_timer);
      next_timer += core::ns_per_s;
    }
    engine.on_tick(h, t);
  }
  engine.on_time(ticks.back().ts_ns + core::ns_per_day);
  return sink;
}

}  // namespace

TEST_CASE("bars from ticks match an independent recomputation in every timeframe") {
  const auto ticks = test::make_ticks({});
  const auto sink = run_engine(ticks, ticks.front().ts_ns - core::ns_per_day);
  for (auto [tf, minutes] : timeframes) {
    CAPTURE(ev::to_string(tf));
    const auto expected = test::reference_bars(ticks, minutes);
    CHECK(expected.size() > 0);
    CHECK(sink.of(tf) == expected);
  }
  // A quiet, complete stream needs no repair.
  CHECK(sink.events.empty());
}

TEST_CASE("aggregating ticks directly and aggregating finer bars give the same bars") {
  const auto ticks = test::make_ticks({.days = 2, .seed = 7});
  const auto one_minute = direct(ticks, bar_period::of_minutes(1));
  for (int minutes : {5, 15, 60, 0}) {
    CAPTURE(minutes);
    const bar_period p = minutes ? bar_period::of_minutes(minutes) : bar_period::daily();
    // Group the 1m bars by their coarser window.
    std::vector<bar> rolled;
    const core::market::bar_grid grid;
    std::vector<bar> group;
    std::int64_t group_start = 0;
    for (const auto& b : one_minute) {
      const auto w = grid.window_of(p, b.start_ns);
      if (!group.empty() && w->start_ns != group_start) {
        rolled.push_back(core::market::aggregate(group_start, group));
        group.clear();
      }
      group_start = w->start_ns;
      group.push_back(b);
    }
    rolled.push_back(core::market::aggregate(group_start, group));
    CHECK(direct(ticks, p) == rolled);
  }
}

TEST_CASE("finer bars merge into a coarser bar in any order") {
  const std::vector<bar> in_order{
      {100, 10, 12, 9, 11, 5, 1}, {160, 11, 15, 10, 14, 6, 2}, {220, 14, 14, 8, 9, 7, 3}};
  const auto expected = core::market::aggregate(100, in_order);
  CHECK(expected == bar{100, 10, 15, 8, 9, 18, 3});
  const std::vector<bar> shuffled{in_order[2], in_order[0], in_order[1]};
  CHECK(core::market::aggregate(100, shuffled) == expected);
}

TEST_CASE("ticks without volume or open interest (an index) make bars with zero volume") {
  const auto ticks = test::make_ticks({.days = 1, .volume = false, .oi = false, .seed = 3});
  const auto sink = run_engine(ticks, ticks.front().ts_ns - core::ns_per_day);
  for (const auto& b : sink.of(ev::timeframe::m5)) {
    CHECK(b.volume == 0);
    CHECK(b.oi == 0);
  }
  CHECK(sink.of(ev::timeframe::m1) == test::reference_bars(ticks, 1));
}

TEST_CASE("bars of every timeframe are released in start order, 1m before the coarser ones") {
  const auto ticks = test::make_ticks({.days = 1, .seed = 11});
  const auto sink = run_engine(ticks, ticks.front().ts_ns - core::ns_per_day);
  for (auto [tf, minutes] : timeframes) {
    const auto bars = sink.of(tf);
    CHECK(std::is_sorted(bars.begin(), bars.end(),
                         [](const bar& a, const bar& b) { return a.start_ns < b.start_ns; }));
  }
  // The 09:15 5m bar comes right after the 09:19 1m bar.
  const auto first_5m = std::find_if(sink.bars.begin(), sink.bars.end(), [](const auto& e) {
    return e.timeframe == ev::timeframe::m5;
  });
  REQUIRE(first_5m != sink.bars.begin());
  CHECK(std::prev(first_5m)->timeframe == ev::timeframe::m1);
  CHECK(std::prev(first_5m)->value.start_ns == first_5m->value.start_ns + 4 * core::ns_per_minute);
  CHECK(sink.of(ev::timeframe::m1).size() == 375);
  CHECK(sink.of(ev::timeframe::h1).size() == 7);
}
