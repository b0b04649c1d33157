// The protective stop resting at the broker ([exits] broker_stop), end to end: it protects a
// position while the daemon is down, and an exit racing it never sells the position twice.
#include "tests/e2e/e2e_books.hpp"
#include "tests/e2e/e2e_fixture.hpp"

using namespace strike;
using namespace std::chrono_literals;
namespace ev = strike::events;

namespace {

void start_with_broker_stop(test::e2e_fixture& f) {
  f.write_config("[exits]\nbroker_stop = true\n");
}

struct protected_position {
  ev::position_opened opened;
  std::string stop_key;
  std::string stop_broker_id;
};

// The first position and its stop, once the broker has accepted the stop.
protected_position first_protected(const test::e2e_fixture& f) {
  protected_position out;
  const auto events = f.journal();
  for (const auto& e : events) {
    if (const auto* o = std::get_if<ev::position_opened>(&e.body); o && out.opened.qty == 0)
      out.opened = *o;
    if (const auto* i = std::get_if<ev::order_intent>(&e.body);
        i && i->purpose == ev::purpose::stop && out.stop_key.empty())
      out.stop_key = i->order;
    if (const auto* a = std::get_if<ev::order_accepted>(&e.body); a && a->order == out.stop_key)
      out.stop_broker_id = a->broker_id;
  }
  return out;
}

// Waits (on the daemon's journal) until the first position's stop rests at the broker.
protected_position wait_protected(test::e2e_fixture& f) {
  REQUIRE(f.wait_for_event("PositionOpened", 120s));
  for (int accepted = 1; accepted < 20; ++accepted) {
    REQUIRE(f.wait_for_event("OrderAccepted", 60s, accepted));
    if (auto p = first_protected(f); !p.stop_broker_id.empty()) return p;
  }
  FAIL("the position's stop was never accepted");
  return {};
}

// The simulator's status of one order, from its admin view.
std::string sim_status(const test::e2e_fixture& f, const std::string& broker_id) {
  std::string status;
  test::for_each_sim_order(f, [&](simdjson::dom::element o) {
    if (std::string_view(o["orderid"]) == broker_id) status = std::string_view(o["status"]);
  });
  return status;
}

std::string crash_through_stop(const ev::position_opened& opened) {
  const bool call = opened.symbol.ends_with("CE");
  return std::string(R"({"symbol":"NIFTY","change_pct":)") + (call ? "-3" : "3") +
         R"(,"ramp_s":60,"hold_s":3600,"revert_s":0,"start":"now"})";
}

}  // namespace

TEST_CASE(
    "a stop resting at the broker fills while the daemon is down, and the restart adopts it "
    "and places nothing more") {
  test::e2e_fixture f("2026-01-14T12:00:00+05:30", 60);
  start_with_broker_stop(f);
  auto d = f.daemon();
  const auto position = wait_protected(f);
  d->signal(SIGKILL);
  REQUIRE(d->wait_exit(20s) == 128 + SIGKILL);
  const auto before = f.journal();

  // The market falls through the stop with no daemon running: the broker's stop is all there is.
  REQUIRE(f.admin("POST", "/admin/scenario", crash_through_stop(position.opened)).status == 200);
  const auto deadline = std::chrono::steady_clock::now() + 60s;
  while (sim_status(f, position.stop_broker_id) != "complete")
    REQUIRE(std::chrono::steady_clock::now() < deadline);

  auto again = f.daemon();
  REQUIRE(f.wait_for_event("PositionClosed", 60s));
  again->signal(SIGTERM);
  CHECK(again->wait_exit(60s) == 0);
  const auto after = f.journal();
  std::optional<ev::position_closed> closed;
  bool adopted = false;
  int sent_for_it = 0;  // until its close: anything sent for that position was one order too many
  for (std::size_t i = before.size(); i < after.size() && !closed; ++i) {
    const auto& e = after[i];
    if (const auto* c = std::get_if<ev::position_closed>(&e.body);
        c && c->instrument == position.opened.instrument)
      closed = *c;
    if (const auto* fill = std::get_if<ev::order_filled>(&e.body);
        fill && fill->order == position.stop_key)
      adopted = true;
    if (const auto* intent = std::get_if<ev::order_intent>(&e.body);
        intent && intent->instrument == position.opened.instrument)
      ++sent_for_it;
  }
  CHECK(adopted);
  CHECK(sent_for_it == 0);
  REQUIRE(closed);
  CHECK(closed->qty == position.opened.qty);
  // The stop filled at or below its trigger, and the journal's P&L is the broker's cash flow.
  CHECK(closed->exit_avg_paise <= position.opened.stop_paise);
  test::check_flat_run(f);
}

TEST_CASE("an exit racing the resting stop at the broker never sells the position twice") {
  test::e2e_fixture f("2026-01-14T12:00:00+05:30", 60);
  start_with_broker_stop(f);
  auto d = f.daemon();
  const auto position = wait_protected(f);
  // The flatten's cancel of the stop reaches the broker just as the market triggers it.
  REQUIRE(f.admin("POST", "/admin/faults", R"({"trigger_on_cancel_next":1})").status == 200);
  d->signal(SIGTERM);
  CHECK(d->wait_exit(60s) == 0);
  CHECK(sim_status(f, position.stop_broker_id) == "complete");
  const auto events = f.journal();
  int exits = 0;
  for (const auto& e : events)
    if (const auto* i = std::get_if<ev::order_intent>(&e.body);
        i && i->purpose == ev::purpose::exit && i->instrument == position.opened.instrument)
      ++exits;
  CHECK(exits == 0);  // the stop sold it; nothing else did
  test::check_flat_run(f);
}
