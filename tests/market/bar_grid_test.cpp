#include <doctest/doctest.h>

#include "core/clock.hpp"
#include "core/market/bar_grid.hpp"

using namespace strike;
using core::market::bar_grid;
using core::market::bar_period;

namespace {
const core::civil_date d{2025, 10, 20};
std::int64_t at(int h, int m, int s = 0) {
  return core::ist_time_ns(d, h * 60 + m) + s * core::ns_per_s;
}
}  // namespace

TEST_CASE("the first 1m bar starts at 09:15:00 IST and the session ends at 15:30") {
  const bar_grid g;
  CHECK(g.window_of(bar_period::of_minutes(1), at(9, 15)) ==
        core::market::bar_window{at(9, 15), at(9, 16)});
  CHECK(g.window_of(bar_period::of_minutes(1), at(9, 15, 59))->start_ns == at(9, 15));
  CHECK(g.window_of(bar_period::of_minutes(1), at(15, 29, 59))->end_ns == at(15, 30));
  CHECK_FALSE(g.window_of(bar_period::of_minutes(1), at(9, 14, 59)));
  CHECK_FALSE(g.window_of(bar_period::of_minutes(1), at(15, 30)));
}

TEST_CASE("5m, 15m and 1h windows are anchored at 09:15 and the last hour is 15:15-15:30") {
  const bar_grid g;
  CHECK(g.window_of(bar_period::of_minutes(5), at(9, 19, 59))->start_ns == at(9, 15));
  CHECK(g.window_of(bar_period::of_minutes(5), at(9, 20))->start_ns == at(9, 20));
  CHECK(g.window_of(bar_period::of_minutes(15), at(10, 0))->start_ns == at(10, 0));
  CHECK(g.window_of(bar_period::of_minutes(60), at(10, 14))->start_ns == at(9, 15));
  CHECK(g.window_of(bar_period::of_minutes(60), at(10, 15))->start_ns == at(10, 15));
  CHECK(g.window_of(bar_period::of_minutes(60), at(15, 20)) ==
        core::market::bar_window{at(15, 15), at(15, 30)});
}

TEST_CASE("the daily window is the whole session") {
  const bar_grid g;
  CHECK(g.window_of(bar_period::daily(), at(12, 0)) ==
        core::market::bar_window{at(9, 15), at(15, 30)});
  CHECK(g.window_starting(bar_period::daily(), at(9, 15)));
  CHECK_FALSE(g.window_starting(bar_period::daily(), at(9, 16)));
}

TEST_CASE("periods parse, name themselves and know which coarser periods they divide") {
  CHECK(bar_period::parse("5m") == bar_period::of_minutes(5));
  CHECK(bar_period::parse("1h") == bar_period::of_minutes(60));
  CHECK(bar_period::parse("1d") == bar_period::daily());
  CHECK_FALSE(bar_period::parse("7m"));
  CHECK(bar_period::of_minutes(15).name() == "15m");
  CHECK(bar_period::of_minutes(5).divides(bar_period::of_minutes(15)));
  CHECK(bar_period::of_minutes(15).divides(bar_period::of_minutes(60)));
  CHECK_FALSE(bar_period::of_minutes(10).divides(bar_period::of_minutes(15)));
  CHECK(bar_period::of_minutes(60).divides(bar_period::daily()));
  CHECK_FALSE(bar_period::daily().divides(bar_period::of_minutes(60)));
  CHECK(bar_period::of(events::timeframe::h1).timeframe() == events::timeframe::h1);
}
