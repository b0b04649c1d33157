// The SmartStream client through a run in which the simulator drops connections, stalls, and
// sends garbage, truncated and duplicated frames at random. Afterwards every subscription is
// restored, every tick delivered carried the simulator's values, none was delivered twice, and
// the bars built from them are the bars of exactly those ticks.
#include <doctest/doctest.h>

#include <map>
#include <set>

#include "core/market/tick_bars.hpp"
#include "tests/feeds/feed_fixture.hpp"

using namespace strike;
using brokers::feed_mode;
using core::market::bar;
using core::market::bar_period;
using core::market::tick_bars;
using test::feed_fixture;

TEST_CASE(
    "After random drops, stalls and garbage, every subscription is restored and no tick is counted "
    "twice") {
  feed_fixture f;
  const std::vector<std::string> list{"NSE:99926000", "NSE:99926017", f.world.option(26000, true),
                                      f.world.option(26000, false)};
  struct instrument_bars {
    tick_bars bars{bar_period::of_minutes(1), {}};
    std::vector<bar> closed;
  };
  std::map<std::string, instrument_bars> live, truth;
  std::set<std::pair<std::string, std::int64_t>> seen;  // (instrument, second) delivered
  int repeats = 0;
  f.on_tick = [&](const brokers::market_tick& t) {
    const std::string instrument = std::string(t.exchange) + ":" + std::string(t.token);
    if (!seen.insert({instrument, t.exchange_ns / core::ns_per_s}).second) ++repeats;
    if (auto closed = live[instrument].bars.on_tick({t.exchange_ns, t.ltp, t.volume, t.oi}).closed)
      live[instrument].closed.push_back(*closed);
  };
  auto& feed = f.open_feed();
  REQUIRE(feed.subscribe(list, feed_mode::quote).ok());
  feed.start();
  REQUIRE(f.run_until([&] { return f.received.size() == list.size(); }));
  f.faults(
      R"({"ws_drop_rate":0.01,"ws_stall_rate":0.003,"ws_stall_ms":1500,"ws_malformed_rate":0.03,)"
      R"("ws_truncate_rate":0.01,"tick_duplicate_rate":0.05})");
  auto all_at = [&](std::int64_t t) {
    for (const auto& i : list)
      if (!f.has_tick(i, t)) return false;
    return true;
  };
  const int seconds = 150;
  for (int s = 1; s <= seconds; ++s) {
    f.market.advance_by(core::ns_per_s);
    // A tick lost to a truncated frame is gone for good; do not wait long for it.
    (void)f.run_until([&] { return all_at(f.market.now_ns()); }, std::chrono::milliseconds(1500));
  }
  f.faults(R"({"ws_drop_rate":0,"ws_stall_rate":0,"ws_malformed_rate":0,"ws_truncate_rate":0,)"
           R"("tick_duplicate_rate":0})");
  // Whatever state the run ended in, the feed is back with every subscription.
  f.market.advance_by(core::ns_per_s);
  REQUIRE(f.run_until([&] { return feed.stats().connected && all_at(f.market.now_ns()); }));
  f.market.advance_by(core::ns_per_s);
  REQUIRE(f.run_until([&] { return all_at(f.market.now_ns()); }));
  // The simulator notices a dropped connection in its own time: the client's one connection
  // with its four subscriptions is all that must remain once it has.
  CHECK(f.run_until([&] { return f.status("/streams/market_connections") == 1; }));
  CHECK(f.status("/streams/subscriptions") == 4);

  const auto stats = feed.stats();
  MESSAGE("reconnects " << stats.reconnects << ", malformed " << stats.malformed << ", duplicates "
                        << stats.duplicates << ", ticks " << stats.ticks << " of "
                        << (seconds + 3) * 4);
  CHECK(stats.reconnects >= 1);
  CHECK(stats.malformed >= 1);
  CHECK(stats.duplicates >= 1);
  CHECK(repeats == 0);
  CHECK(stats.ticks == static_cast<std::int64_t>(f.received.size()));
  // Every delivered tick is the simulator's tick of its second; the truth is built from them.
  for (const auto& r : f.received) {
    const auto& want = f.world.tick(r.instrument, r.tick.exchange_ns);
    test::check_tick(r.tick, want, feed_mode::quote);
    if (auto closed =
            truth[r.instrument]
                .bars.on_tick({want.exchange_ms * core::ns_per_ms, want.ltp, want.volume, 0})
                .closed)
      truth[r.instrument].closed.push_back(*closed);
  }
  for (const auto& i : list) {
    INFO(i);
    CHECK(live[i].closed.size() >= 2);
    CHECK(live[i].closed == truth[i].closed);
    CHECK(live[i].bars.open_bar() == truth[i].bars.open_bar());
  }
}
