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
  const auto set_shutdown_timeout = [&f](const std::string& from, const std::string& to) {
    auto text = test::read_text(f.config());
    REQUIRE(text.find(from) != std::string::npos);
    text.replace(text.find(from), from.size(), to);
    std::ofstream(f.config()) << text;
  };
  set_shutdown_timeout("shutdown_timeout_ms = 30000", "shutdown_timeout_ms = 3000");
  auto d = f.daemon();
  REQUIRE(f.wait_for_event("PositionOpened", 120s));
  // Every REST call from now on: the connection closes without a reply, nothing is processed.
  REQUIRE(f.admin("POST", "/admin/faults", R"({"drop_rate":1.0})").status == 200);
  d->signal(SIGTERM);
  const auto code = d->wait_exit(60s);
  const auto first_stderr = d->drain_stderr();
  CAPTURE(first_stderr);
  REQUIRE(code == 5);
  const auto down = f.journal();
  const auto& stopped = std::get<ev::daemon_stopped>(down.back().body);
  CHECK(stopped.exit_code == 5);
  CHECK_FALSE(stopped.clean);
  bool not_flat = false;
  for (const auto& e : down)
    if (const auto* c = std::get_if<ev::flatten_completed>(&e.body)) not_flat = !c->flat;
  CHECK(not_flat);

  // The broker back, with the order book read once a second: the flatten has its usual time.
  REQUIRE(f.admin("POST", "/admin/faults", R"({"drop_rate":0.0})").status == 200);
  set_shutdown_timeout("shutdown_timeout_ms = 3000", "shutdown_timeout_ms = 30000");
  // The first run may have reconciled while trading too: the second's start-up run is the next.
  const int reconciled = f.count_in_journal("ReconciliationCompleted");
  auto again = f.daemon();
  REQUIRE(f.wait_for_event("ReconciliationCompleted", 60s, reconciled + 1));
  again->signal(SIGTERM);
  const auto second = again->wait_exit(90s);
  const auto second_stderr = again->drain_stderr();
  CAPTURE(second_stderr);
  CHECK(second == 0);
  test::check_flat_run(f);
  // An order the broker calls complete while its books cannot be read is not modified again and
  // again: each refusal doubles the ladder's wait.
  std::map<std::string, int> refusals;
  for (const auto& e : f.journal())
    if (const auto* u = std::get_if<ev::order_outcome_unknown>(&e.body);
        u && u->operation == "modify")
      CHECK(++refusals[u->order] <= 16);
}

TEST_CASE("a second SIGTERM crosses the exits resting at the broker and the daemon ends flat") {
  test::e2e_fixture f("2026-01-07T12:00:00+05:30", 60);
  // An exit waits at its first price for ten market minutes (10 s here) before the ladder steps.
  f.write_config("[ladder]\nexit_step_wait_ms = 600000\n");
  auto d = f.daemon();
  REQUIRE(f.wait_for_event("PositionOpened", 120s));
  // No buyer at any limit price: the flatten's exit rests at the broker.
  REQUIRE(f.admin("POST", "/admin/faults", R"({"rest_sell_limits_next":20})").status == 200);
  const int accepted = f.count_in_journal("OrderAccepted");
  const int closed = f.count_in_journal("PositionClosed");
  d->signal(SIGTERM);
  REQUIRE(f.wait_for_event("OrderAccepted", 60s, accepted + 1));
  std::string exit_key, exit_id;
  for (const auto& e : f.journal()) {
    if (const auto* i = std::get_if<ev::order_intent>(&e.body);
        i && i->purpose == ev::purpose::exit)
      exit_key = i->order;
    if (const auto* a = std::get_if<ev::order_accepted>(&e.body); a && a->order == exit_key)
      exit_id = a->broker_id;
  }
  REQUIRE(!exit_id.empty());
  std::string resting_status;
  test::for_each_sim_order(f, [&](simdjson::dom::element o) {
    if (std::string_view(o["orderid"]) == exit_id) resting_status = std::string_view(o["status"]);
  });
  CHECK(resting_status == "open");
  CHECK(f.count_in_journal("PositionClosed") == closed);

  d->signal(SIGTERM);
  CHECK(d->wait_exit(60s) == 0);
  // The signal crossed it, not the ladder: the exit's first change is to MARKET.
  std::optional<ev::order_modify_requested> first_change;
  for (const auto& e : f.journal())
    if (const auto* m = std::get_if<ev::order_modify_requested>(&e.body);
        m && m->order == exit_key && !first_change)
      first_change = *m;
  REQUIRE(first_change);
  CHECK(first_change->order_type == ev::order_type::market);
  test::check_flat_run(f);
}
