// Failures at every point: each write path's failure probe (journal write and fsync, snapshot,
// the broker's token file, the bar files) armed at its N-th hit (N = 1, 2, 3 at start-up; 50 and
// 200 once orders are being worked), one daemon run each against one simulator. A run either
// goes on and stops cleanly (exit 0) or, when the journal cannot take a write, stops fail-closed
// (exit 4). After every run the journal reads back whole
// with no gap in its sequence; after all of them a clean run ends flat, and every order the
// simulator ever received was journaled as an intent first, once.
#include <set>

#include "tests/e2e/e2e_books.hpp"
#include "tests/e2e/e2e_fixture.hpp"

using namespace strike;
using namespace std::chrono_literals;
namespace ev = strike::events;

namespace probe_cases {

struct probe_case {
  const char* name;
  int fail_closed_code;  // the exit code once it fires: 4 for the journal, else 0 (goes on)
};

constexpr probe_case probes[] = {{"journal.write", 4},
                                 {"journal.fsync", 4},
                                 {"snapshot.write", 0},
                                 {"token_file.write", 0},
                                 {"bar_file.write", 0}};

void check_journal_whole(const test::e2e_fixture& f) {
  const auto events = f.journal();  // fails the test on any damage but a torn tail
  for (std::size_t i = 1; i < events.size(); ++i)
    REQUIRE(events[i].env.seq == events[i - 1].env.seq + 1);
}

}  // namespace probe_cases

using namespace probe_cases;

TEST_CASE("every write path's failure probe at its N-th hit: the daemon goes on or stops closed") {
  const char* only = std::getenv("STRIKE_PROBE_ONLY");  // one probe, to look at it alone
  for (const auto& probe : probes) {
    if (only && std::string(only) != probe.name) continue;
    const std::string probe_name = probe.name;
    CAPTURE(probe_name);
    test::e2e_fixture f("2026-01-07T12:14:00+05:30", 60);
    // The first hits are at start-up; the later ones land while orders are being worked.
    for (const int n : {1, 2, 3, 50, 200}) {
      CAPTURE(n);
      auto env = test::sim_account_env;
      env.push_back(std::string("STRIKE_FAILPOINTS=") + probe.name + "=" + std::to_string(n));
      test::child_process d(test::striked,
                            {"run", "--config", f.config().string(), "--start", f.start, "--speed",
                             f.speed, "--anchor", f.anchor},
                            env);
      // Four seconds (four market minutes) of trading, or the daemon stopping by itself.
      auto code = d.wait_exit(4s);
      if (!code) {
        d.signal(SIGTERM);
        code = d.wait_exit(60s);
      }
      CAPTURE(d.drain_stderr());
      REQUIRE(code.has_value());
      CHECK((*code == 0 || *code == probe.fail_closed_code));
      check_journal_whole(f);
    }
    // The disk is well again: a clean run, then the books and the journal agree.
    const int reconciled = f.count_in_journal("ReconciliationCompleted");
    auto d = f.daemon();
    REQUIRE(f.wait_for_event("ReconciliationCompleted", 60s, reconciled + 1));
    d->signal(SIGTERM);
    CHECK(d->wait_exit(60s) == 0);
    check_journal_whole(f);
    std::set<std::string> intended;
    for (const auto& e : f.journal())
      if (const auto* i = std::get_if<ev::order_intent>(&e.body)) intended.insert(i->order);
    for (const auto& tag : test::books_of(f).tags) {
      CAPTURE(tag);
      CHECK(intended.count(tag) == 1);
    }
    test::check_flat_run(f);
  }
}
