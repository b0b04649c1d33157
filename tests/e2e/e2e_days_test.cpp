// Several market days on one daemon: the clock crosses nights, a weekend and an exchange holiday
// fast (market hours at the day's speed, the rest at the closed speed, in both processes), and
// each morning the daemon logs in again, reloads the instruments and trades a fresh session.
#include <doctest/doctest.h>

#include <set>

#include "tests/e2e/e2e_books.hpp"

using namespace strike;
using namespace std::chrono_literals;
namespace ev = strike::events;

namespace strike::test::days {

// The busy strategy, so that every session trades; entries end at 14:30 and the end-of-day exit
// comes at 14:50, leaving the books time to settle before the close at the day's speed.
inline const std::string days_config = busy_strategy + R"(
[session]
entry_end = "14:30"
eod_exit = "14:50"
)";

const std::vector<std::string> clock_args{"--closed-speed", "30000"};

std::string ist_date_of(std::int64_t ns) {
  return core::format_date(core::ist_date(ns));
}

// Events of `type` in every segment of the journal so far, counted in their text.
int count_in_segments(const e2e_fixture& f, const std::string& type) {
  const std::string needle = "\"type\":\"" + type + "\"";
  int n = 0;
  std::error_code ec;  // no state directory yet: nothing journaled
  for (const auto& entry : std::filesystem::directory_iterator(f.state(), ec)) {
    if (!entry.path().filename().string().starts_with("events")) continue;
    const std::string text = read_text(entry.path());
    for (auto at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) ++n;
  }
  return n;
}

// Waits until the journal holds `count` events of `type`, reading the daemon's output all the
// while: a run of several days logs more than a pipe holds, and a full pipe would stall it.
bool wait_reading_output(const e2e_fixture& f, child_process& d, const std::string& type, int count,
                         std::chrono::seconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    if (count_in_segments(f, type) >= count) return true;
    if (d.wait_exit(1s)) return false;
  }
  return false;
}

}  // namespace strike::test::days

// Friday 23 January 2026, the weekend, Monday 26 (Republic Day: no session), Tuesday 27 (the
// weekly expiry) and Wednesday 28.
TEST_CASE(
    "one daemon over several market days crosses a weekend and a holiday and ends each day "
    "flat") {
  std::vector<std::string> sim_args = test::days::clock_args;
  sim_args.insert(sim_args.end(), {"--holiday", "2026-01-26"});
  test::e2e_fixture f("2026-01-23T13:00:00+05:30", 600, 7, sim_args);
  f.write_config(test::days::days_config);
  auto d = f.daemon(test::days::clock_args);
  // Friday's, Tuesday's and Wednesday's closes.
  const bool closed_thrice = test::days::wait_reading_output(f, *d, "SessionClosed", 3, 300s);
  d->signal(SIGTERM);
  const auto code = d->wait_exit(60s);
  CAPTURE(d->drain_stderr());
  REQUIRE(closed_thrice);
  REQUIRE(code == 0);
  INFO(test::journal_summary(f));
  const auto events = f.journal();

  // Sessions on the three trading days only; a log-in and an instrument list each morning.
  std::vector<std::string> sessions;
  std::map<std::string, int> logins, bars, feeds_connected, self_tests_passed;
  std::map<std::string, std::int64_t> listed;  // instruments loaded, by the date they were
  int open_positions = 0;
  for (const auto& e : events) {
    const std::string day = test::days::ist_date_of(e.env.ts);
    if (std::holds_alternative<ev::session_opened>(e.body)) sessions.push_back(day);
    if (const auto* a = std::get_if<ev::authenticated>(&e.body); a && a->method == "login")
      ++logins[day];
    if (const auto* i = std::get_if<ev::instruments_loaded>(&e.body)) {
      CHECK(i->as_of == day);
      listed[day] = i->count;
    }
    if (std::holds_alternative<ev::bar_closed>(e.body)) ++bars[day];
    if (const auto* c = std::get_if<ev::feed_connected>(&e.body); c && c->feed == "market")
      ++feeds_connected[day];
    if (const auto* t = std::get_if<ev::self_test_completed>(&e.body); t && t->passed)
      ++self_tests_passed[day];
    if (std::holds_alternative<ev::position_opened>(e.body)) ++open_positions;
    if (std::holds_alternative<ev::position_closed>(e.body)) --open_positions;
    if (std::holds_alternative<ev::session_closed>(e.body)) {
      CAPTURE(day);
      CHECK(open_positions == 0);  // flat every evening
    }
  }
  CHECK(sessions == std::vector<std::string>{"2026-01-23", "2026-01-27", "2026-01-28"});
  for (const std::string day : {"2026-01-27", "2026-01-28"}) {
    CAPTURE(day);
    // The tokens of the day before ended at midnight: a fresh log-in (and TOTP) before the open.
    CHECK(logins[day] >= 1);
    CHECK(feeds_connected[day] >= 1);  // the market feed on the new feed token
    CHECK(self_tests_passed[day] >= 1);
    CHECK(listed.count(day) == 1);
    CHECK(bars[day] > 300);
  }
  CHECK(logins.count("2026-01-24") + logins.count("2026-01-25") + logins.count("2026-01-26") == 0);
  // Tuesday's weekly contracts expired that afternoon: Wednesday's list has 41 strikes x 2 sides
  // x 2 underlyings fewer.
  REQUIRE(listed.count("2026-01-27") == 1);
  CHECK(listed["2026-01-27"] - listed["2026-01-28"] == 164);

  // The journal rotated into a segment a day and wrote a snapshot at each rotation.
  std::set<std::string> segment_days;
  int snapshots = 0;
  for (const auto& entry : std::filesystem::directory_iterator(f.state())) {
    const std::string name = entry.path().filename().string();
    if (name.starts_with("events-")) segment_days.insert(name.substr(7, 10));
    if (name.starts_with("snapshot-")) ++snapshots;
  }
  CHECK(segment_days.count("2026-01-23") == 1);
  CHECK(segment_days.count("2026-01-27") == 1);
  CHECK(snapshots >= 2);

  // Trades on the days that had them, and every one of them closed at the broker too.
  test::check_flat_run(f);
  std::int64_t net = 0, trades = 0;
  for (const auto& e : events)
    if (const auto* c = std::get_if<ev::position_closed>(&e.body)) {
      net += c->net_pnl_paise;
      ++trades;
    }
  CHECK(trades >= 1);
  // `striked stats` over the whole state directory counts every session and trade.
  auto [scode, stats] = test::run_to_exit(test::striked, {"stats", f.state().string(), "--json"});
  REQUIRE(scode == 0);
  simdjson::dom::parser parser;
  simdjson::dom::element s = parser.parse(stats);
  CHECK(std::int64_t(s["sessions"]) == 3);
  CHECK(std::int64_t(s["trades"]) == trades);
  CHECK(std::int64_t(s["net_pnl_paise"]) == net);
}
