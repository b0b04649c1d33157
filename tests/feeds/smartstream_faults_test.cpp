// The SmartStream client under the simulator's faults: dropped connections, stalls, garbage,
// truncated and duplicated frames, and a market that goes quiet during the session.
#include <doctest/doctest.h>

#include "tests/feeds/feed_fixture.hpp"

using namespace strike;
using brokers::feed_mode;
using test::feed_fixture;

namespace {

const std::string nifty_index = "NSE:99926000";

// One index and two options in Quote mode, connected and past the first tick.
std::vector<std::string> subscribe_three(feed_fixture& f,
                                         brokers::angelone::smartstream::feed_options o) {
  std::vector<std::string> list{nifty_index, f.world.option(26000, true),
                                f.world.option(25900, false)};
  auto& feed = f.open_feed(std::move(o));
  REQUIRE(feed.subscribe(list, feed_mode::quote).ok());
  feed.start();
  REQUIRE(f.run_until([&] {
    for (const auto& i : list)
      if (!f.has_tick(i, f.market.now_ns())) return false;
    return true;
  }));
  return list;
}

bool all_at(feed_fixture& f, const std::vector<std::string>& list, std::int64_t t) {
  for (const auto& i : list)
    if (!f.has_tick(i, t)) return false;
  return true;
}

std::int64_t reported(const feed_fixture& f, std::string_view reason) {
  std::int64_t n = 0;
  for (const auto& e : f.events_of<events::market_data_rejected>())
    if (e.reason == reason) n += e.count;
  return n;
}

}  // namespace

TEST_CASE(
    "A dropped connection is replaced and every subscription restored, its repeated ticks "
    "delivered once") {
  feed_fixture f;
  const auto list = subscribe_three(f, f.stream_options());
  // The next frame (a heartbeat reply) is not sent: the connection is closed instead. The
  // resubscription's snapshots repeat the ticks already delivered: they are dropped.
  f.faults(R"({"ws_drop_next":1})");
  REQUIRE(f.run_until(
      [&] { return f.feed->stats().connects == 2 && f.feed->stats().duplicates == 3; }));
  for (const auto& i : list) CHECK(f.ticks_at(i, f.market.now_ns()) == 1);
  const auto down = f.events_of<events::feed_disconnected>();
  REQUIRE(down.size() == 1);
  CHECK(down[0].feed == "market");
  CHECK(down[0].retry_in_ns > 0);
  CHECK(f.events_of<events::feed_connected>().back().subscriptions == 3);
  CHECK(f.events_of<events::feed_connected>().back().reconnects == 1);
  // A drop that takes a tick: the snapshot after the reconnect brings it back.
  f.faults(R"({"ws_drop_next":1})");
  f.market.advance_by(core::ns_per_s);
  REQUIRE(f.run_until(
      [&] { return f.feed->stats().connects == 3 && all_at(f, list, f.market.now_ns()); }));
  for (const auto& i : list) CHECK(f.ticks_at(i, f.market.now_ns()) == 1);
  f.market.advance_by(core::ns_per_s);
  REQUIRE(f.run_until([&] { return all_at(f, list, f.market.now_ns()); }));
  CHECK(f.status("/streams/subscriptions") == 3);
  CHECK(f.status("/streams/market_connections") == 1);
}

TEST_CASE(
    "A stalled server is detected by silence, the connection replaced and the stream resumes") {
  feed_fixture f;
  const auto list = subscribe_three(f, f.stream_options());
  f.faults(R"({"ws_stall_next":1,"ws_stall_ms":4000})");
  f.market.advance_by(core::ns_per_s);
  REQUIRE(f.run_until(
      [&] { return f.feed->stats().connects == 2 && all_at(f, list, f.market.now_ns()); }));
  const auto down = f.events_of<events::feed_disconnected>();
  REQUIRE(down.size() == 1);
  const bool silent = down[0].reason.find("no message") != std::string::npos ||
                      down[0].reason.find("idle timeout") != std::string::npos;
  CHECK_MESSAGE(silent, down[0].reason);
  f.market.advance_by(core::ns_per_s);
  REQUIRE(f.run_until([&] { return all_at(f, list, f.market.now_ns()); }));
}

TEST_CASE(
    "Garbage and truncated frames are counted and reported, never delivered, and the stream goes "
    "on") {
  feed_fixture f;
  const auto list = subscribe_three(f, f.stream_options());
  // Garbage goes out ahead of the next frames, heartbeat replies included.
  f.faults(R"({"ws_malformed_next":4})");
  REQUIRE(f.run_until([&] { return f.feed->stats().malformed == 4; }));
  // The truncated frame is one instrument's tick of this second; the other two arrive.
  f.faults(R"({"ws_truncate_next":1})");
  f.market.advance_by(core::ns_per_s);
  REQUIRE(
      f.run_until([&] { return f.feed->stats().malformed == 5 && f.feed->stats().ticks == 5; }));
  int arrived = 0;
  for (const auto& i : list) arrived += f.has_tick(i, f.market.now_ns()) ? 1 : 0;
  CHECK(arrived == 2);
  // Every rejection is reported: the first of a kind at once, the rest counted into a report
  // once the interval (100 ms on the feed's clock) has passed.
  f.wall.advance_by(core::ns_per_s);
  REQUIRE(f.run_until([&] { return reported(f, "malformed_frame") == 5; }));
  CHECK(f.feed->stats().connects == 1);
  f.market.advance_by(core::ns_per_s);
  REQUIRE(f.run_until([&] { return all_at(f, list, f.market.now_ns()); }));
  CHECK(f.received.size() == 3 + 2 + 3);
}

TEST_CASE("Duplicated tick frames are delivered once") {
  feed_fixture f;
  const auto list = subscribe_three(f, f.stream_options());
  f.faults(R"({"tick_duplicate_next":3})");
  f.market.advance_by(core::ns_per_s);
  REQUIRE(f.run_until(
      [&] { return all_at(f, list, f.market.now_ns()) && f.feed->stats().duplicates == 3; }));
  for (const auto& i : list) CHECK(f.ticks_at(i, f.market.now_ns()) == 1);
  f.wall.advance_by(core::ns_per_s);
  REQUIRE(f.run_until([&] { return reported(f, "duplicate") == 3; }));
}

TEST_CASE("A feed without ticks during the session reports itself stale, once per silence") {
  feed_fixture f;
  bool open = true;
  auto o = f.stream_options();
  o.in_session = [&open](std::int64_t) { return open; };
  subscribe_three(f, o);
  // The market clock stands still: no ticks. The feed's clock moves past stale_after (5 s).
  f.wall.advance_by(6 * core::ns_per_s);
  REQUIRE(f.run_until([&] { return f.events_of<events::feed_stale>().size() == 1; }));
  CHECK(f.events_of<events::feed_stale>()[0].feed == "market");
  CHECK(f.events_of<events::feed_stale>()[0].silent_ns >= 6 * core::ns_per_s);
  // A tick ends the silence; the next one is reported again.
  f.market.advance_by(core::ns_per_s);
  REQUIRE(f.run_until([&] { return f.feed->stats().ticks == 6; }));
  f.wall.advance_by(6 * core::ns_per_s);
  REQUIRE(f.run_until([&] { return f.events_of<events::feed_stale>().size() == 2; }));
  // Outside the session silence is normal.
  open = false;
  f.market.advance_by(core::ns_per_s);
  REQUIRE(f.run_until([&] { return f.feed->stats().ticks == 9; }));
  f.wall.advance_by(60 * core::ns_per_s);
  const auto checks = f.feed->stats().pongs + 10;
  REQUIRE(f.run_until([&] { return f.feed->stats().pongs >= checks; }));
  CHECK(f.events_of<events::feed_stale>().size() == 2);
}

TEST_CASE(
    "Moving hundreds of instruments to another mode replaces their subscriptions at the server") {
  feed_fixture f;
  auto& feed = f.open_feed();
  const std::vector<std::string> list{nifty_index};
  REQUIRE(feed.subscribe(list, feed_mode::ltp).ok());
  feed.start();
  REQUIRE(f.run_until([&] { return f.has_tick(nifty_index, f.market.now_ns()); }));
  // The server counts (token, mode) pairs against its limit of 1000: the old mode must go.
  std::vector<std::string> options;
  for (const auto& i : f.world.instruments.all())
    if (!i.is_index && options.size() < 600) options.push_back("NFO:" + i.token);
  REQUIRE(options.size() == 600);
  REQUIRE(feed.subscribe(options, feed_mode::ltp).ok());
  REQUIRE(f.run_until([&] { return f.status("/streams/subscriptions") == 601; }));
  // Moving them to Quote sends unsubscribe-LTP then subscribe-Quote: no error.
  REQUIRE(feed.subscribe(options, feed_mode::quote).ok());
  REQUIRE(f.run_until([&] { return f.status("/streams/subscriptions") == 601; }));
  CHECK(feed.stats().server_errors == 0);
}
