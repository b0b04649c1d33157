#include <doctest/doctest.h>

#include <algorithm>

#include "core/market/market_bars.hpp"
#include "tests/market/market_ports.hpp"
#include "tests/market/reference_bars.hpp"
#include "tests/market/tick_stream.hpp"

using namespace strike;
using core::market::bar;
namespace ev = strike::events;

namespace {

const core::civil_date repair_day{2025, 10, 20};
std::int64_t repair_at(int h, int m, int s = 0) {
  return core::ist_time_ns(repair_day, h * 60 + m) + s * core::ns_per_s;
}

// One day of ticks, the engine driven by a 1 s clock, a candle source that knows the truth.
struct harness {
  std::vector<core::market::tick> all =
      test::make_ticks({.first_day = repair_day, .days = 1, .seed = 5});
  std::vector<bar> truth_1m = test::reference_bars(all, 1);
  test::recording_sink sink;
  test::vector_candle_source source;
  std::unique_ptr<core::market::market_bars> engine;
  std::size_t h = 0;
  std::int64_t clock = 0;

  explicit harness(std::int64_t started = repair_at(8, 0)) {
    source.truth = truth_1m;
    engine = std::make_unique<core::market::market_bars>(sink, source, started);
    h = engine->instrument("NSE:99926000");
    clock = started;
  }
  void run_clock_to(std::int64_t t) {
    for (; clock <= t; clock += core::ns_per_s) engine->on_time(clock);
  }
  // Feeds the ticks in [from, to) with the clock following them.
  void feed(std::int64_t from, std::int64_t to) {
    for (const auto& t : all) {
      if (t.ts_ns < from || t.ts_ns >= to) continue;
      run_clock_to(t.ts_ns);
      engine->on_tick(h, t);
    }
  }
  void finish() { run_clock_to(repair_at(16, 0)); }
};

}  // namespace

TEST_CASE("missing minutes inside the session are detected, backfilled and journaled as filled") {
  harness x;
  x.feed(repair_at(8, 0), repair_at(10, 3));
  x.feed(repair_at(10, 7), repair_at(23, 0));  // the feed missed 10:03 to 10:06
  x.finish();
  const auto detected = x.sink.events_of<ev::bar_gap_detected>();
  REQUIRE(detected.size() == 1);
  CHECK(detected[0] == ev::bar_gap_detected{"NSE:99926000", ev::timeframe::m1, repair_at(10, 3),
                                            repair_at(10, 6), 4});
  REQUIRE(x.source.requests.size() == 1);
  CHECK(x.source.requests[0].from_ns == repair_at(10, 3));
  CHECK(x.source.requests[0].to_ns == repair_at(10, 6));
  const auto filled = x.sink.events_of<ev::bar_gap_filled>();
  REQUIRE(filled.size() == 1);
  CHECK(filled[0] == ev::bar_gap_filled{"NSE:99926000", ev::timeframe::m1, repair_at(10, 3),
                                        repair_at(10, 6), 4});
  // Every timeframe comes out complete and in order, as if nothing had been missed (apart
  // from the volume attribution of the tick right after the gap, which the candles replace).
  const auto m1 = x.sink.of(ev::timeframe::m1);
  CHECK(m1.size() == 375);
  CHECK(std::is_sorted(m1.begin(), m1.end(),
                       [](const bar& a, const bar& b) { return a.start_ns < b.start_ns; }));
  const auto m5 = x.sink.of(ev::timeframe::m5);
  CHECK(m5.size() == 75);
  auto ten = std::find_if(m5.begin(), m5.end(),
                          [](const bar& b) { return b.start_ns == repair_at(10, 0); });
  REQUIRE(ten != m5.end());
  CHECK(ten->high == std::max_element(x.truth_1m.begin() + 45, x.truth_1m.begin() + 50,
                                      [](const bar& a, const bar& b) { return a.high < b.high; })
                         ->high);
}

TEST_CASE("bars after a gap are held until it is filled, then released in order") {
  harness x;
  x.source.hold = true;
  x.feed(repair_at(8, 0), repair_at(10, 3));
  x.feed(repair_at(10, 7), repair_at(10, 8, 30));
  // 10:07 closed but is held; 10:02 was the last 1m bar released.
  CHECK(x.sink.of(ev::timeframe::m1).back().start_ns == repair_at(10, 2));
  CHECK(x.source.pending() == 1);
  x.source.release();
  const auto m1 = x.sink.of(ev::timeframe::m1);
  CHECK(m1.back().start_ns == repair_at(10, 7));
  CHECK(x.sink.of(ev::timeframe::m5).back().start_ns == repair_at(10, 0));
  for (std::size_t i = 1; i < m1.size(); ++i)
    CHECK(m1[i].start_ns == m1[i - 1].start_ns + core::ns_per_minute);
  // BarGapFilled precedes the bars it let out.
  auto filled = std::find(x.sink.order.begin(), x.sink.order.end(), "BarGapFilled");
  REQUIRE(filled != x.sink.order.end());
  CHECK(*std::next(filled) == "bar 1m");
}

TEST_CASE("a window's last minute passing without a tick holds its coarse bars until it is found") {
  harness x;
  x.feed(repair_at(8, 0), repair_at(10, 4));  // nothing from 10:04 on: the feed went quiet
  x.run_clock_to(repair_at(10, 5, 40));
  // 10:00 to 10:05 has ended, but its last minute is not known yet: not released incomplete.
  CHECK(x.sink.of(ev::timeframe::m5).back().start_ns == repair_at(9, 55));
  CHECK(x.sink.events_of<ev::bar_gap_detected>().empty());
  x.feed(repair_at(10, 5, 40), repair_at(23, 0));
  x.finish();
  const auto detected = x.sink.events_of<ev::bar_gap_detected>();
  REQUIRE_FALSE(detected.empty());
  CHECK(detected[0].from_ns == repair_at(10, 4));
  const auto m5 = x.sink.of(ev::timeframe::m5);
  CHECK(m5.size() == 75);
  auto ten = std::find_if(m5.begin(), m5.end(),
                          [](const bar& b) { return b.start_ns == repair_at(10, 0); });
  REQUIRE(ten != m5.end());
  // Its five minutes, the last one from the backfill.
  const auto first = x.truth_1m.begin() + 45;
  CHECK(ten->close == (first + 4)->close);
  CHECK(ten->high == std::max_element(first, first + 5, [](const bar& a, const bar& b) {
                       return a.high < b.high;
                     })->high);
  CHECK(ten->low == std::min_element(first, first + 5, [](const bar& a, const bar& b) {
                      return a.low < b.low;
                    })->low);
}

TEST_CASE("a failed backfill is retried and then given up, releasing what there is") {
  harness x;
  x.source.failures_left = 10;
  x.feed(repair_at(8, 0), repair_at(10, 3));
  x.feed(repair_at(10, 7), repair_at(23, 0));
  x.finish();
  CHECK(x.source.requests.size() == 3);
  const auto rejected = x.sink.events_of<ev::market_data_rejected>();
  REQUIRE(rejected.size() == 1);
  CHECK(rejected[0].source == "backfill");
  CHECK(rejected[0].reason == "backfill_failed");
  CHECK(rejected[0].detail.find("Access denied") != std::string::npos);
  CHECK(x.sink.events_of<ev::bar_gap_filled>().empty());
  CHECK(x.sink.of(ev::timeframe::m1).size() == 371);
  CHECK(x.sink.of(ev::timeframe::d1).size() == 1);
}

TEST_CASE(
    "a start in the middle of the session backfills the repair_day so far and the partial minute") {
  harness x(repair_at(11, 0, 30));
  x.feed(repair_at(11, 0, 30), repair_at(23, 0));
  x.finish();
  const auto detected = x.sink.events_of<ev::bar_gap_detected>();
  REQUIRE(detected.size() == 1);
  CHECK(detected[0].from_ns == repair_at(9, 15));
  CHECK(detected[0].to_ns ==
        repair_at(11, 0));  // 11:00 began before the start: its first ticks were missed
  CHECK(x.sink.of(ev::timeframe::m1) == x.truth_1m);
  CHECK(x.sink.of(ev::timeframe::d1).front().open == x.truth_1m.front().open);
}

TEST_CASE("minutes missing at the end of the session are found when the clock passes the close") {
  harness x;
  x.feed(repair_at(8, 0), repair_at(15, 25));
  x.finish();
  const auto detected = x.sink.events_of<ev::bar_gap_detected>();
  REQUIRE(detected.size() == 1);
  CHECK(detected[0].from_ns == repair_at(15, 25));
  CHECK(detected[0].to_ns == repair_at(15, 29));
  CHECK(x.sink.of(ev::timeframe::m1) == x.truth_1m);
  CHECK(x.sink.of(ev::timeframe::d1).front().close == x.truth_1m.back().close);
}

TEST_CASE("a feed outage repairs the minutes it touched, even those with some ticks") {
  harness x;
  x.feed(repair_at(8, 0), repair_at(12, 0, 30));
  x.engine->set_feed_down(repair_at(12, 0, 30));
  x.run_clock_to(repair_at(12, 3, 20));
  x.engine->set_feed_up(repair_at(12, 3, 20));
  x.feed(repair_at(12, 3, 20), repair_at(23, 0));
  x.finish();
  const auto detected = x.sink.events_of<ev::bar_gap_detected>();
  REQUIRE(detected.size() == 1);
  CHECK(detected[0].from_ns == repair_at(12, 0));
  CHECK(detected[0].to_ns == repair_at(12, 3));
  CHECK(x.sink.of(ev::timeframe::m1) == x.truth_1m);
  CHECK(x.sink.of(ev::timeframe::m15) == test::reference_bars(x.all, 15));
}

TEST_CASE("backfilled candles that are impossible or outside the range are rejected and counted") {
  harness x;
  // Corrupt the truth for one of the minutes that will be requested.
  auto bad = std::find_if(x.source.truth.begin(), x.source.truth.end(),
                          [](const bar& b) { return b.start_ns == repair_at(10, 4); });
  std::swap(bad->high, bad->low);
  x.source.truth.push_back(
      {repair_at(10, 3) + 30 * core::ns_per_s, 1, 1, 1, 1, 0, 0});  // not on the grid
  std::sort(x.source.truth.begin(), x.source.truth.end(),
            [](const bar& a, const bar& b) { return a.start_ns < b.start_ns; });
  x.feed(repair_at(8, 0), repair_at(10, 3));
  x.feed(repair_at(10, 7), repair_at(23, 0));
  x.finish();
  const auto rejected = x.sink.events_of<ev::market_data_rejected>();
  REQUIRE(rejected.size() == 1);
  CHECK(rejected[0].reason == "bad_candle");
  CHECK(rejected[0].count == 2);
  CHECK(x.sink.events_of<ev::bar_gap_filled>().at(0).bars == 3);
  CHECK(x.sink.of(ev::timeframe::m1).size() == 374);
}

TEST_CASE("feed rejections are counted and reported once per kind per interval") {
  harness x;
  x.feed(repair_at(8, 0), repair_at(9, 20));
  const auto last = x.all[200];
  for (int i = 0; i < 5; ++i)
    x.engine->on_tick(x.h, {last.ts_ns - core::ns_per_s, last.price, last.day_volume, 0});
  auto rejected = x.sink.events_of<ev::market_data_rejected>();
  REQUIRE(rejected.size() == 1);
  CHECK(rejected[0].reason == "out_of_order");
  CHECK(rejected[0].count == 1);
  x.run_clock_to(x.clock + 61 * core::ns_per_s);
  rejected = x.sink.events_of<ev::market_data_rejected>();
  REQUIRE(rejected.size() == 2);
  CHECK(rejected[1].count == 4);
  CHECK(x.engine->rejections().count("out_of_order") == 5);
}

TEST_CASE(
    "a restart seeded with the repair_day's stored bars repairs the downtime and repeats nothing") {
  // First run: crashes at 11:00:30, its released bars are what the bar files hold.
  harness first;
  first.feed(repair_at(8, 0), repair_at(11, 0, 30));
  std::vector<bar> stored_1m = first.sink.of(ev::timeframe::m1);
  std::array<std::optional<std::int64_t>, 4> last_coarse;
  const std::array<ev::timeframe, 4> coarse{ev::timeframe::m5, ev::timeframe::m15,
                                            ev::timeframe::h1, ev::timeframe::d1};
  for (std::size_t i = 0; i < 4; ++i)
    if (const auto bars = first.sink.of(coarse[i]); !bars.empty())
      last_coarse[i] = bars.back().start_ns;
  // Second run: up at 11:05:10, seeded, then the live ticks.
  harness second(repair_at(11, 5, 10));
  second.engine->seed(second.h, stored_1m, last_coarse);
  second.feed(repair_at(11, 5, 10), repair_at(23, 0));
  second.finish();
  const auto detected = second.sink.events_of<ev::bar_gap_detected>();
  REQUIRE(detected.size() == 1);
  CHECK(detected[0].from_ns == repair_at(11, 0));
  CHECK(detected[0].to_ns == repair_at(11, 5));
  for (auto [tf, minutes] :
       std::array<std::pair<ev::timeframe, int>, 5>{{{ev::timeframe::m1, 1},
                                                     {ev::timeframe::m5, 5},
                                                     {ev::timeframe::m15, 15},
                                                     {ev::timeframe::h1, 60},
                                                     {ev::timeframe::d1, 0}}}) {
    CAPTURE(ev::to_string(tf));
    auto both = first.sink.of(tf);
    const auto later = second.sink.of(tf);
    both.insert(both.end(), later.begin(), later.end());
    const auto expected = test::reference_bars(first.all, minutes);
    CHECK(both.size() == expected.size());
    for (std::size_t i = 0; i < std::min(both.size(), expected.size()); ++i) {
      CAPTURE(core::format_ist(expected[i].start_ns));
      CHECK(both[i] == expected[i]);
    }
  }
}
