// Ticks from the simulator through the SmartStream client into the bar aggregator of the
// market-data core: the bars equal those built from the simulator's own ticks, each tick
// counted once, across a connection the server drops and one the client replaces, with
// duplicated frames on top.
#include <doctest/doctest.h>

#include <map>

#include "core/market/tick_bars.hpp"
#include "tests/feeds/feed_fixture.hpp"

using namespace strike;
using brokers::feed_mode;
using core::market::bar;
using core::market::bar_period;
using core::market::tick_bars;
using test::feed_fixture;

namespace {

struct aggregated {
  tick_bars bars{bar_period::of_minutes(1), {}};
  std::vector<bar> closed;
  std::int64_t ticks = 0;
  std::int64_t refused = 0;  // ticks the aggregator itself turned away
  void add(const core::market::tick& t) {
    auto outcome = bars.on_tick(t);
    ++ticks;
    if (!outcome.rejected.empty()) ++refused;
    if (outcome.closed) closed.push_back(*outcome.closed);
  }
};

}  // namespace

TEST_CASE("Ticks through the feed build exactly the simulator's bars, across reconnects and duplicate frames") {
  feed_fixture f;
  const std::vector<std::string> list{"NSE:99926000", f.world.option(26000, true), f.world.option(26050, false)};
  std::map<std::string, aggregated> live, truth;
  f.on_tick = [&](const brokers::market_tick& t) {
    live[std::string(t.exchange) + ":" + std::string(t.token)].add({t.exchange_ns, t.ltp, t.volume, t.oi});
  };
  auto& feed = f.open_feed();
  REQUIRE(feed.subscribe(list, feed_mode::quote).ok());
  feed.start();
  const std::int64_t start = f.market.now_ns();
  auto all_at = [&](std::int64_t t) {
    for (const auto& i : list)
      if (!f.has_tick(i, t)) return false;
    return true;
  };
  REQUIRE(f.run_until([&] { return all_at(start); }));
  const int seconds = 150;  // 10:00:00 to 10:02:30: two whole minutes and a half
  for (int s = 1; s <= seconds; ++s) {
    if (s == 40) f.faults(R"({"ws_drop_next":1,"tick_duplicate_next":6})");  // the server drops us
    if (s == 95) feed.drop_connection("test: replace the connection");       // we drop it
    if (s == 120) f.faults(R"({"tick_duplicate_next":9})");
    f.market.advance_by(core::ns_per_s);
    REQUIRE_MESSAGE(f.run_until([&] { return all_at(f.market.now_ns()); }), "second " << s);
  }
  for (int s = 0; s <= seconds; ++s) {
    const std::int64_t t = start + s * core::ns_per_s;
    for (const auto& i : list) {
      const auto& k = f.world.tick(i, t);
      truth[i].add({k.exchange_ms * core::ns_per_ms, k.ltp, k.volume, 0});
    }
  }
  const auto stats = feed.stats();
  CHECK(stats.reconnects == 2);
  CHECK(stats.duplicates >= 15);
  CHECK(stats.ticks == (seconds + 1) * 3);
  for (const auto& i : list) {
    INFO(i);
    CHECK(live[i].ticks == seconds + 1);
    CHECK(live[i].refused == 0);
    REQUIRE(live[i].closed.size() == 2);
    CHECK(live[i].closed == truth[i].closed);
    CHECK(live[i].bars.open_bar() == truth[i].bars.open_bar());
  }
}
