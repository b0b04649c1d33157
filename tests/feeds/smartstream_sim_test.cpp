// The SmartStream client against the simulator: login, subscription in every mode, decoded
// values, heartbeat, and how it follows the session's tokens.
#include <doctest/doctest.h>

#include "tests/feeds/feed_fixture.hpp"

using namespace strike;
using brokers::feed_mode;
using test::feed_fixture;

namespace {

const std::string nifty = "NSE:99926000";

struct three_modes {
  feed_fixture& f;
  std::string quote_option, snap_option;
  explicit three_modes(feed_fixture& fx)
      : f(fx), quote_option(fx.world.option(26000, true)), snap_option(fx.world.option(26000, false)) {
    auto& feed = f.open_feed();
    const std::vector<std::string> ltp{nifty}, quote{quote_option}, snap{snap_option};
    REQUIRE(feed.subscribe(ltp, feed_mode::ltp).ok());
    REQUIRE(feed.subscribe(quote, feed_mode::quote).ok());
    REQUIRE(feed.subscribe(snap, feed_mode::snap_quote).ok());
    feed.start();
  }
  bool all_at(std::int64_t t) const {
    return f.has_tick(nifty, t) && f.has_tick(quote_option, t) && f.has_tick(snap_option, t);
  }
  void check_at(std::int64_t t) {
    for (const auto& r : f.received) {
      if (r.tick.exchange_ns / core::ns_per_s != t / core::ns_per_s) continue;
      const auto mode = r.instrument == nifty ? feed_mode::ltp : r.instrument == quote_option ? feed_mode::quote : feed_mode::snap_quote;
      INFO(r.instrument);
      test::check_tick(r.tick, f.world.tick(r.instrument, t), mode);
    }
  }
};

}  // namespace

TEST_CASE("The feed logs in, subscribes and decodes the simulator's ticks in LTP, Quote and SnapQuote modes") {
  feed_fixture f;
  three_modes m(f);
  const std::int64_t t0 = f.market.now_ns();
  // A subscription gets the current tick at once ...
  REQUIRE(f.run_until([&] { return m.all_at(t0); }));
  m.check_at(t0);
  // ... then one per market second.
  for (int s = 1; s <= 3; ++s) {
    f.market.advance_by(core::ns_per_s);
    REQUIRE(f.run_until([&] { return m.all_at(f.market.now_ns()); }));
    m.check_at(f.market.now_ns());
  }
  CHECK(f.received.size() == 12);
  const auto connected = f.events_of<events::feed_connected>();
  REQUIRE(connected.size() == 1);
  CHECK(connected[0].feed == "market");
  CHECK(connected[0].endpoint == f.wss("/smart-stream"));
  CHECK(connected[0].subscriptions == 3);
  CHECK(connected[0].reconnects == 0);
  const auto stats = f.feed->stats();
  CHECK(stats.connected);
  CHECK(stats.ticks == 12);
  CHECK(stats.malformed == 0);
  CHECK(stats.duplicates == 0);
  CHECK(f.status("/streams/subscriptions") == 3);
}

TEST_CASE("Credentials in the query string (the browser form) are accepted too") {
  feed_fixture f;
  auto o = f.stream_options();
  o.query_auth = true;
  auto& feed = f.open_feed(o);
  const std::vector<std::string> list{nifty};
  REQUIRE(feed.subscribe(list, feed_mode::ltp).ok());
  feed.start();
  REQUIRE(f.run_until([&] { return f.has_tick(nifty, f.market.now_ns()); }));
}

TEST_CASE("Instruments subscribed while connected stream at once, and unsubscribed ones stop") {
  feed_fixture f;
  auto& feed = f.open_feed();
  const std::vector<std::string> first{nifty};
  REQUIRE(feed.subscribe(first, feed_mode::ltp).ok());
  feed.start();
  REQUIRE(f.run_until([&] { return feed.stats().connected && f.has_tick(nifty, f.market.now_ns()); }));
  const std::string option = f.world.option(26100, true);
  const std::vector<std::string> second{option};
  REQUIRE(feed.subscribe(second, feed_mode::quote).ok());
  REQUIRE(f.run_until([&] { return f.has_tick(option, f.market.now_ns()); }));
  REQUIRE(feed.unsubscribe(first).ok());
  REQUIRE(f.run_until([&] { return f.status("/streams/subscriptions") == 1; }));
  f.market.advance_by(core::ns_per_s);
  REQUIRE(f.run_until([&] { return f.has_tick(option, f.market.now_ns()); }));
  CHECK_FALSE(f.has_tick(nifty, f.market.now_ns()));
}

TEST_CASE("Heartbeat pings are answered, so a quiet market keeps its connection") {
  feed_fixture f;
  auto& feed = f.open_feed();
  const std::vector<std::string> list{nifty};
  REQUIRE(feed.subscribe(list, feed_mode::ltp).ok());
  feed.start();
  REQUIRE(f.run_until([&] { return f.has_tick(nifty, f.market.now_ns()); }));
  // No market second passes: only pongs arrive (a ping every 100 ms), for over two silence
  // timeouts of 1 s.
  REQUIRE(f.run_until([&] { return feed.stats().pongs >= 25; }));
  CHECK(feed.stats().connects == 1);
  CHECK(f.events_of<events::feed_disconnected>().empty());
}

TEST_CASE("New session tokens make the feed reconnect with them and restore its subscriptions") {
  feed_fixture f;
  three_modes m(f);
  REQUIRE(f.run_until([&] { return m.all_at(f.market.now_ns()); }));
  const auto before = f.client->session().generation;
  auto renewed = f.run(f.client->relogin());
  REQUIRE(renewed.ok());
  CHECK(renewed->generation > before);
  REQUIRE(f.run_until([&] { return f.feed->stats().connects == 2 && f.feed->stats().connected; }));
  const auto down = f.events_of<events::feed_disconnected>();
  REQUIRE(down.size() == 1);
  CHECK(down[0].reason == "the session's tokens changed");
  CHECK(down[0].retry_in_ns == 0);
  f.market.advance_by(core::ns_per_s);
  REQUIRE(f.run_until([&] { return m.all_at(f.market.now_ns()); }));
  m.check_at(f.market.now_ns());
  CHECK(f.events_of<events::feed_connected>().back().subscriptions == 3);
}

TEST_CASE("Tokens the server no longer accepts are renewed, not retried forever") {
  feed_fixture f;
  auto& feed = f.open_feed();
  const std::vector<std::string> list{nifty};
  REQUIRE(feed.subscribe(list, feed_mode::ltp).ok());
  feed.start();
  REQUIRE(f.run_until([&] { return f.has_tick(nifty, f.market.now_ns()); }));
  // Every session at the broker ends; the client does not know yet.
  REQUIRE(f.admin("POST", "/admin/expire-tokens").status == 200);
  feed.drop_connection("test: reconnect");
  REQUIRE(f.run_until([&] { return feed.stats().connects == 2 && feed.stats().connected; }));
  // The refused upgrade dropped the dead tokens; the next attempt logged in afresh.
  CHECK(f.events_of<events::logged_out>().size() == 1);
  CHECK(f.events_of<events::authenticated>().size() == 2);
  f.market.advance_by(core::ns_per_s);
  REQUIRE(f.run_until([&] { return f.has_tick(nifty, f.market.now_ns()); }));
}

TEST_CASE("Subscriptions beyond the connection's limit are refused by the client") {
  feed_fixture f;
  auto& feed = f.open_feed();
  std::vector<std::string> many;
  for (int i = 0; i < 1001; ++i) many.push_back("NFO:" + std::to_string(40001 + i));
  CHECK_FALSE(feed.subscribe(many, feed_mode::ltp).ok());
  CHECK(feed.stats().subscriptions == 0);
}
