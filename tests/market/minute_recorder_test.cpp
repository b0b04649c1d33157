// The one-minute bars recorded for quoted contracts: built from ticks, volume from the day's
// cumulative count, handed on by a later minute's tick or by the clock, never twice.
#include <doctest/doctest.h>

#include <vector>

#include "core/market/minute_recorder.hpp"

using namespace strike;
using core::market::bar;
using core::market::tick;

namespace {

struct recorded {
  std::string instrument;
  bar b;
};

const std::int64_t open_ns = core::ist_time_ns({2026, 1, 12}, 9 * 60 + 15);

std::int64_t at_minute(int minute, int second) {
  return open_ns + minute * core::ns_per_minute + second * core::ns_per_s;
}

}  // namespace

TEST_CASE("a quoted contract's minutes are recorded from its ticks, volume from the day's count") {
  std::vector<recorded> out;
  core::market::minute_recorder rec(core::market::bar_grid{},
                                    [&](const std::string& i, const bar& b) {
                                      out.push_back({i, b});
                                    });
  rec.on_tick("NFO:1", {at_minute(0, 1), 100, 1000, 0});
  rec.on_tick("NFO:1", {at_minute(0, 20), 120, 1300, 0});
  rec.on_tick("NFO:1", {at_minute(0, 40), 90, 1350, 50});
  rec.on_tick("NFO:1", {at_minute(0, 59), 95, 1350, 0});
  CHECK(out.empty());
  rec.on_tick("NFO:1", {at_minute(1, 5), 96, 1400, 0});  // a later minute hands the first on
  REQUIRE(out.size() == 1);
  CHECK(out[0].instrument == "NFO:1");
  CHECK(out[0].b == bar{at_minute(0, 0), 100, 120, 90, 95, 350, 50});
  // The clock hands on a minute whose ticks stopped, after the grace a late tick may take.
  rec.on_time(at_minute(2, 1));
  CHECK(out.size() == 1);
  rec.on_time(at_minute(2, 2));
  REQUIRE(out.size() == 2);
  CHECK(out[1].b == bar{at_minute(1, 0), 96, 96, 96, 96, 50, 0});
  // A late tick of a minute already recorded is dropped, and a minute without ticks has no bar.
  rec.on_tick("NFO:1", {at_minute(1, 50), 80, 1500, 0});
  rec.on_tick("NFO:1", {at_minute(3, 0), 97, 1500, 0});
  rec.on_time(at_minute(10, 0));
  REQUIRE(out.size() == 3);
  CHECK(out[2].b.start_ns == at_minute(3, 0));
  CHECK(out[2].b.low == 97);
  CHECK(out[2].b.volume == 0);  // the 100 units of the dropped tick are not a trade of 09:18
}

TEST_CASE("ticks outside the session, or without a price, make no bar") {
  std::vector<recorded> out;
  core::market::minute_recorder rec(core::market::bar_grid{},
                                    [&](const std::string& i, const bar& b) {
                                      out.push_back({i, b});
                                    });
  rec.on_tick("NFO:1", {open_ns - core::ns_per_minute, 100, 10, 0});
  rec.on_tick("NFO:1", {at_minute(375, 0), 100, 10, 0});  // 15:30, the close
  rec.on_tick("NFO:1", {at_minute(5, 0), 0, 10, 0});
  rec.on_time(at_minute(400, 0));
  CHECK(out.empty());
}
