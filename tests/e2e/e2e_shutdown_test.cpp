// The flatten's deadline passing with the broker down: the daemon stops not flat (exit code 5),
// says so in the journal, and sent each exit at most once; the next start, with the broker back,
// finds the position at the broker and flattens it, and the simulator's books agree with the
// journal to the paisa.
#include "tests/e2e/e2e_books.hpp"
#include "tests/e2e/e2e_fixture.hpp"

using namespace strike;
using namespace std::chrono_literals;
namespace ev = strike::events;

TEST_CASE(
    "SIGTERM with the broker down stops not flat at the deadline, and the next start flattens") {
  test::e2e_fixture f("2026-01-07T12:00:00+05:30", 60);
  {
    auto text = test::read_text(f.config());
    const std::string from = "shutdown_timeout_ms = 30000";
    REQUIRE(text.find(from) != std::string::npos);
    text.replace(text.find(from), from.size(), "shutdown_timeout_ms = 3000");
    std::ofstream(f.config()) << text;
  }
  auto d = f.daemon();
  REQUIRE(f.wait_for_event("PositionOpened", 120s));
  // Every REST call from now on: the connection closes without a reply, nothing is processed.
  REQUIRE(f.admin("POST", "/admin/faults", R"({"drop_rate":1.0})").status == 200);
  d->signal(SIGTERM);
  const auto code = d->wait_exit(60s);
  CAPTURE(d->drain_stderr());
  REQUIRE(code == 5);
  const auto down = f.journal();
  const auto& stopped = std::get<ev::daemon_stopped>(down.back().body);
  CHECK(stopped.exit_code == 5);
  CHECK_FALSE(stopped.clean);
  bool not_flat = false;
  for (const auto& e : down)
    if (const auto* c = std::get_if<ev::flatten_completed>(&e.body)) not_flat = !c->flat;
  CHECK(not_flat);

  REQUIRE(f.admin("POST", "/admin/faults", R"({"drop_rate":0.0})").status == 200);
  auto again = f.daemon();
  REQUIRE(f.wait_for_event("ReconciliationCompleted", 60s, 2));
  again->signal(SIGTERM);
  const auto second = again->wait_exit(90s);
  CAPTURE(again->drain_stderr());
  CHECK(second == 0);
  test::check_flat_run(f);
}
