#include <doctest/doctest.h>

#include "core/clock.hpp"
#include "core/market/tick_bars.hpp"

using namespace strike;
using core::market::bar;
using core::market::bar_period;
using core::market::tick;
using core::market::tick_bars;

namespace {
const core::civil_date d{2025, 10, 20};
std::int64_t at(int h, int m, int s = 0, int ms = 0) {
  return core::ist_time_ns(d, h * 60 + m) + s * core::ns_per_s + ms * core::ns_per_ms;
}
tick_bars minutes() {
  return tick_bars(bar_period::of_minutes(1), {});
}
}  // namespace

TEST_CASE("a bar closes on the first tick past its end") {
  auto b = minutes();
  CHECK_FALSE(b.on_tick({at(9, 15, 0, 200), 2'500'000, 0, 0}).closed);
  CHECK_FALSE(b.on_tick({at(9, 15, 30), 2'501'000, 0, 0}).closed);
  CHECK_FALSE(b.on_tick({at(9, 15, 59, 999), 2'499'500, 0, 0}).closed);
  const auto r = b.on_tick({at(9, 16, 0, 1), 2'500'500, 0, 0});
  REQUIRE(r.closed);
  CHECK(*r.closed == bar{at(9, 15), 2'500'000, 2'501'000, 2'499'500, 2'499'500, 0, 0});
  CHECK(b.open_bar()->start_ns == at(9, 16));
}

TEST_CASE("a bar closes when the clock reaches its end, before any later tick") {
  auto b = minutes();
  (void)b.on_tick({at(9, 15, 10), 2'500'000, 0, 0});
  CHECK_FALSE(b.on_time(at(9, 15, 59, 999)));
  const auto closed = b.on_time(at(9, 16));
  REQUIRE(closed);
  CHECK(closed->start_ns == at(9, 15));
  CHECK_FALSE(b.open_bar());
  CHECK_FALSE(b.on_time(at(9, 17)));
}

TEST_CASE("bar volume is the increase of the cumulative day volume") {
  auto b = minutes();
  (void)b.on_tick({at(9, 8), 2'500'000, 1'000, 0});       // pre-open: only the baseline
  (void)b.on_tick({at(9, 15, 1), 2'500'000, 1'300, 0});   // +300
  (void)b.on_tick({at(9, 15, 40), 2'500'000, 1'450, 0});  // +150
  const auto r = b.on_tick({at(9, 16, 2), 2'500'000, 1'500, 0});
  REQUIRE(r.closed);
  CHECK(r.closed->volume == 450);
  CHECK(b.open_bar()->volume == 50);
}

TEST_CASE("the first tick of a day in the first minute counts its whole cumulative volume") {
  auto b = minutes();
  (void)b.on_tick({at(9, 15, 3), 2'500'000, 2'000, 0});
  CHECK(b.open_bar()->volume == 2'000);
}

TEST_CASE("a first tick later in the day only sets the baseline") {
  auto b = minutes();
  (void)b.on_tick({at(11, 0, 3), 2'500'000, 900'000, 0});
  CHECK(b.open_bar()->volume == 0);
  (void)b.on_tick({at(11, 0, 9), 2'500'000, 900'075, 0});
  CHECK(b.open_bar()->volume == 75);
}

TEST_CASE("a cumulative volume that drops is a reset and counts from zero") {
  auto b = minutes();
  (void)b.on_tick({at(9, 15, 3), 2'500'000, 5'000, 0});
  (void)b.on_tick({at(9, 15, 4), 2'500'000, 120, 0});
  CHECK(b.open_bar()->volume == 5'120);
  CHECK(b.volume_resets() == 1);
}

TEST_CASE("open interest is carried forward to the close of each bar") {
  auto b = minutes();
  (void)b.on_tick({at(9, 15, 3), 2'500'000, 0, 7'000});
  (void)b.on_tick({at(9, 15, 4), 2'500'000, 0, 0});
  auto r = b.on_tick({at(9, 16, 4), 2'500'000, 0, 0});
  CHECK(r.closed->oi == 7'000);
  CHECK(b.open_bar()->oi == 7'000);
}

TEST_CASE("ticks going back in time, repeated ticks and ticks for a closed bar are rejected") {
  auto b = minutes();
  (void)b.on_tick({at(9, 15, 10), 2'500'000, 100, 0});
  auto back = b.on_tick({at(9, 15, 9), 2'500'000, 100, 0});
  CHECK(back.rejected == "out_of_order");
  CHECK(back.detail ==
        "tick at 2025-10-20T09:15:09.000+05:30 after one at 2025-10-20T09:15:10.000+05:30");
  CHECK(b.on_tick({at(9, 15, 10), 2'500'000, 100, 0}).rejected == "duplicate");
  // Same instant, another trade: accepted.
  CHECK(b.on_tick({at(9, 15, 10), 2'500'500, 175, 0}).rejected.empty());
  REQUIRE(b.on_time(at(9, 16, 0, 500)));
  const auto late = b.on_tick({at(9, 15, 59, 900), 2'500'000, 180, 0});
  CHECK(late.rejected == "late");
  CHECK(b.on_tick({at(9, 16, 0, 600), 0, 180, 0}).rejected == "bad_price");
  CHECK(b.on_tick({at(9, 16, 0, 600), 2'500'000, -1, 0}).rejected == "bad_volume");
  // Rejected ticks changed nothing.
  CHECK_FALSE(b.open_bar());
}

TEST_CASE("ticks outside the session make no bar but still close the last one") {
  auto b = minutes();
  CHECK(b.on_tick({at(9, 10), 2'500'000, 0, 0}).outside_session);
  CHECK_FALSE(b.open_bar());
  (void)b.on_tick({at(15, 29, 59), 2'500'000, 0, 0});
  const auto r = b.on_tick({at(15, 30, 0, 100), 2'500'000, 0, 0});
  CHECK(r.outside_session);
  REQUIRE(r.closed);
  CHECK(r.closed->start_ns == at(15, 29));
}
