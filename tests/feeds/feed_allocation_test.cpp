// "No allocation per tick" as a test: this file replaces the global operator new for the feeds
// test program with one that counts on the calling thread while a scope asks it to.
#include <doctest/doctest.h>

#include <cstdlib>
#include <new>

#include "brokers/angelone/smartstream/subscriptions.hpp"
#include "brokers/angelone/smartstream/tick_parser.hpp"
#include "core/market/tick_bars.hpp"
#include "sim/stream_frames.hpp"
#include "tests/feeds/feed_fixture.hpp"

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

[[gnu::noinline]] static void* raw_allocate(std::size_t n) {
  return std::malloc(n ? n : 1);
}
[[gnu::noinline]] static void raw_free(void* p) {
  std::free(p);
}

// Every plain form is replaced together, so whatever one allocates another frees consistently
// (sanitizers check that new and delete forms match).
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
using brokers::feed_mode;

TEST_CASE("Decoding a tick, filtering repeats and aggregating it into a bar allocate nothing") {
  brokers::angelone::smartstream::subscriptions subs;
  std::vector<std::string> messages;
  const std::vector<std::string> list{"NFO:58784"};
  REQUIRE(subs.add(list, feed_mode::snap_quote, messages).ok());
  sim::stream_tick source;
  source.exchange_type = 2;
  source.token = "58784";
  source.ltp = 10'000;
  std::vector<std::string> frames;
  for (int i = 0; i < 1000; ++i) {
    source.sequence = 1000 + i;
    source.exchange_ms = 1'767'587'400'000 + 250 * i;
    source.ltp += (i % 7) - 3;
    source.volume += 65;
    sim::encode_frame(source, 3, frames.emplace_back());
  }
  core::market::tick_bars bars(core::market::bar_period::of_minutes(1), {});
  brokers::market_tick t;
  long fresh = 0;
  {
    count_allocations scope;
    for (int pass = 0; pass < 2; ++pass) {  // the second pass is all repeats
      for (const auto& f : frames) {
        const auto bytes = std::span(reinterpret_cast<const std::uint8_t*>(f.data()), f.size());
        REQUIRE(brokers::angelone::smartstream::parse_tick(bytes, t) ==
                brokers::angelone::smartstream::tick_error::none);
        if (subs.admit(t) != brokers::angelone::smartstream::subscriptions::verdict::fresh)
          continue;
        ++fresh;
        (void)bars.on_tick({t.exchange_ns, t.ltp, t.volume, t.oi});
      }
    }
    CHECK(allocations == 0);
  }
  CHECK(fresh == 1000);
}

// The whole live path, socket to handler. Our part (the case above) allocates nothing; what is
// counted here is Beast's and Asio's: each websocket async_read allocates its composed
// operation's state (read_op, the TLS io_op, the socket's recv op) through std::allocator,
// about four small blocks a message in Boost 1.74. The bound keeps it from growing unnoticed;
// docs/performance.md has the figure.
TEST_CASE(
    "The live client's path from socket to tick handler allocates only Beast's per-read state") {
  test::feed_fixture f;
  std::vector<std::string> list;
  for (const auto& i : f.world.instruments.all())
    if (!i.is_index && list.size() < 50) list.push_back("NFO:" + i.token);
  auto& feed = f.open_feed();
  feed.on_tick([](const brokers::market_tick&) {});  // no copies kept: the handler itself is free
  REQUIRE(feed.subscribe(list, feed_mode::quote).ok());
  feed.start();
  REQUIRE(f.run_until([&] { return feed.stats().ticks == 50; }));
  // Warm up buffers and coroutine frames over a few seconds, then count over twenty more.
  for (int s = 0; s < 3; ++s) {
    f.market.advance_by(core::ns_per_s);
    const auto want = feed.stats().ticks + 50;
    REQUIRE(f.run_until([&] { return feed.stats().ticks == want; }));
  }
  long counted = 0;
  for (int s = 0; s < 20; ++s) {
    f.market.advance_by(core::ns_per_s);
    const auto want = feed.stats().ticks + 50;
    count_allocations scope;
    REQUIRE(f.run_until([&] { return feed.stats().ticks == want; }));
    counted += allocations;
  }
  const double per_tick = static_cast<double>(counted) / 1000.0;
  MESSAGE("allocations per tick on the live path: " << per_tick);
  CHECK(per_tick < 5.0);
}
