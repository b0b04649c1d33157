// The dashboard's stream keeps the newest events in a ring: what it hands out after a wrap is
// the newest, oldest first, from where each client left off.
#include <doctest/doctest.h>

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "core/bus.hpp"
#include "core/clock.hpp"
#include "core/state.hpp"
#include "daemon/event_feed.hpp"
#include "storage/journal.hpp"
#include "tests/support/temp_dir.hpp"

using namespace strike;
namespace ev = strike::events;

namespace {

// A bus over a real journal that does not sync, and the state it folds.
struct journaled_bus {
  test::temp_dir dir;
  std::unique_ptr<storage::journal> journal = [this] {
    auto opened = storage::journal::open({dir.path(), storage::durability::none}, 0);
    REQUIRE(opened.ok());
    return std::move(*opened);
  }();
  core::virtual_clock clock{1'000'000'000};
  core::state state;
  core::bus bus{*journal, clock, state.keys};
};

}  // namespace

TEST_CASE("the event stream keeps the newest events across the ring's wrap, in order") {
  journaled_bus j;
  auto& bus = j.bus;
  daemon::event_feed feed(bus, 3);
  auto publish = [&bus](ev::payload p) { REQUIRE(bus.publish(std::move(p)).ok()); };

  std::uint64_t after = 0;
  CHECK(feed.since(after, {}).empty());
  publish(ev::entry_window_changed{"2026-01-07", true});
  publish(ev::self_test_completed{true, "", "t"});
  std::string got = feed.since(after, {});
  CHECK(after == 2);
  CHECK(got.find("id: 1\n") != std::string::npos);
  CHECK(got.find("id: 2\n") < got.size());

  for (int i = 0; i < 5; ++i) publish(ev::entry_window_changed{"2026-01-07", i % 2 == 0});
  publish(ev::self_test_completed{false, "feed", "t"});  // seq 8; 6, 7 and 8 are kept
  got = feed.since(after, {});
  CHECK(after == 8);
  CHECK(got.find("id: 5\n") == std::string::npos);
  const auto six = got.find("id: 6\n"), seven = got.find("id: 7\n"), eight = got.find("id: 8\n");
  REQUIRE(six != std::string::npos);
  CHECK(six < seven);
  CHECK(seven < eight);
  CHECK(eight != std::string::npos);
  CHECK(got.find("\"failed_check\":\"feed\"") != std::string::npos);  // not a stale slot

  CHECK(feed.since(after, {}).empty());  // nothing new
  std::uint64_t from_start = 0;
  CHECK(feed.since(from_start, {"SelfTestCompleted"}).find("id: 8\n") == 0);
  CHECK(from_start == 8);
  CHECK(feed.start_for(2, {}) == 6);  // the last two follow seq 6
  CHECK(feed.start_for(1, {"EntryWindowChanged"}) == 6);
  CHECK(feed.start_for(5, {}) == 0);  // fewer kept than asked for: all of them
}

TEST_CASE("an event the stream lets go of is released by the work it posts, not as it goes") {
  journaled_bus j;
  auto& bus = j.bus;
  std::weak_ptr<const ev::event> first;
  bus.subscribe_all_shared("first", [&first](const std::shared_ptr<const ev::event>& e) {
    if (e->env.seq == 1) first = e;
  });
  std::vector<std::function<void()>> posted;
  daemon::event_feed feed(bus, 2,
                          [&posted](std::function<void()> f) { posted.push_back(std::move(f)); });
  for (int i = 0; i < 4; ++i)
    REQUIRE(bus.publish(ev::entry_window_changed{"2026-01-07", i % 2 == 0}).ok());
  // The journal has written them all and holds none.
  REQUIRE(j.journal->close().ok());

  // Events 1 and 2 were displaced: one release posted for both, and until it runs they live.
  REQUIRE(posted.size() == 1);
  CHECK_FALSE(first.expired());
  posted.front()();
  CHECK(first.expired());
  std::uint64_t after = 0;
  const std::string kept = feed.since(after, {});
  CHECK(kept.find("id: 2\n") == std::string::npos);
  CHECK(kept.find("id: 3\n") != std::string::npos);
  CHECK(kept.find("id: 4\n") != std::string::npos);
}
