// The daemon publishes the session transitions it missed while it was down, as events in its
// journal: striked run as a real process over a journal whose last event is three days old.
#include <doctest/doctest.h>

#include <fstream>

#include "core/bus.hpp"
#include "core/session/session_tracker.hpp"
#include "core/state.hpp"
#include "daemon/config.hpp"
#include "daemon/holidays_file.hpp"
#include "storage/journal.hpp"
#include "storage/journal_reader.hpp"
#include "tests/support/child_process.hpp"
#include "tests/support/temp_dir.hpp"

using namespace strike;
using namespace std::chrono_literals;
namespace ev = strike::events;

namespace {

bool is_session_event(const ev::payload& p) {
  const auto i = p.index();
  return i >= ev::index_of<ev::session_pre_open>() && i <= ev::index_of<ev::session_closed>();
}

std::vector<ev::payload> session_events(const std::filesystem::path& state_dir) {
  std::vector<ev::payload> out;
  auto r = storage::read_journal(state_dir, 0, [&](const ev::event& e) -> status {
    if (is_session_event(e.body)) out.push_back(e.body);
    return {};
  });
  REQUIRE(r.ok());
  return out;
}

std::vector<ev::payload> bodies(std::vector<core::session_transition> ts) {
  std::vector<ev::payload> out;
  for (auto& t : ts) out.push_back(std::move(t.body));
  return out;
}

}  // namespace

TEST_CASE("a restarted daemon journals the session transitions it missed, in order") {
  test::temp_dir dir;
  const auto state_dir = dir / "state";
  const std::int64_t last = core::system_clock().now_ns() - 6 * core::ns_per_day;
  {
    // An earlier run's journal, its last event six days ago.
    core::virtual_clock clock(last);
    core::state state;
    auto j = storage::journal::open({state_dir, storage::durability::every_event}, 0);
    REQUIRE(j.ok());
    core::bus bus(**j, clock, state.keys);
    REQUIRE(bus.publish(ev::daemon_started{"0", 1, "paper", ""}).ok());
    REQUIRE((*j)->close().ok());
  }
  std::ofstream(dir / "config.toml")
      << "[daemon]\nstate_dir = \"state\"\nlog_dir = \"log\"\nheartbeat_ms = 100\ntrading = false\n";
  const std::int64_t before = core::system_clock().now_ns();
  {
    test::child_process d(STRIKED_PATH,
                          {"run", "--config", (dir / "config.toml").string(), "--for", "300ms"});
    CHECK(d.wait_exit(30s) == 0);
  }
  const std::int64_t after = core::system_clock().now_ns();
  auto cal = daemon::make_session_calendar({});
  REQUIRE(cal.ok());
  const auto journaled = session_events(state_dir);
  const auto at_least = bodies(core::session_transitions(*cal, last, before));
  const auto at_most = bodies(core::session_transitions(*cal, last, after));
  // Six days back always hold a whole trading day.
  CHECK(at_most.size() >= 6);
  REQUIRE(journaled.size() >= at_least.size());
  REQUIRE(journaled.size() <= at_most.size());
  for (std::size_t i = 0; i < journaled.size(); ++i) CHECK(journaled[i] == at_most[i]);
}

namespace {
void write_plain_config(const test::temp_dir& dir) {
  std::ofstream(dir / "config.toml")
      << "[daemon]\nstate_dir = \"state\"\nlog_dir = \"log\"\nheartbeat_ms = 50\ntrading = false\n";
}
}  // namespace

TEST_CASE("--exit-after-close stops a daemon restarted mid-session once that session closes") {
  test::temp_dir dir;
  write_plain_config(dir);
  const auto config = (dir / "config.toml").string();
  {
    // The first run sees the session open, then stops (a crash would do the same).
    test::child_process d(STRIKED_PATH, {"run", "--config", config, "--start", "2026-01-07T15:00:00+05:30", "--speed",
                                         "60", "--for", "300ms"});
    CHECK(d.wait_exit(30s) == 0);
  }
  // Restarted at 15:29:30 market time: this process never sees SessionOpened, only the close.
  test::child_process d(STRIKED_PATH, {"run", "--config", config, "--start", "2026-01-07T15:29:30+05:30", "--speed",
                                       "60", "--exit-after-close"});
  CHECK(d.wait_exit(30s) == 0);
  const auto journaled = session_events(dir / "state");
  REQUIRE_FALSE(journaled.empty());
  CHECK(std::holds_alternative<ev::session_closed>(journaled.back()));
}

TEST_CASE("--exit-after-close on an exchange holiday stops at once") {
  test::temp_dir dir;
  write_plain_config(dir);
  // 26 January, Republic Day: no session at all.
  test::child_process d(STRIKED_PATH, {"run", "--config", (dir / "config.toml").string(), "--start",
                                       "2026-01-26T10:00:00+05:30", "--speed", "1", "--exit-after-close"});
  CHECK(d.wait_exit(30s) == 0);
}
