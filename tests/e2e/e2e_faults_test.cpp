// Whole days against the simulator with its order-path faults switched on: partial fills,
// several fills in one update, fills racing cancels, rejected exits, lost replies, a lagging
// order book. Each day must end flat, every position protected and counted, and the journal's
// P&L must be the simulator's cash flow less the journaled charges, to the paisa.
#include <doctest/doctest.h>

#include "tests/e2e/e2e_books.hpp"

using namespace strike;
using namespace std::chrono_literals;
namespace ev = strike::events;

namespace {

// Trades the day at 900x from 09:10 with faults set from the start, reconciling twice a real
// second (a market quarter hour) while anything is open; returns the exit code.
int trade_day(test::e2e_fixture& f, const std::string& faults) {
  // At 900x a market minute is 67 real ms, and the books (read at most once a real second each,
  // shared with the reconciliation runs) can take two real seconds, half a market hour, to show
  // a fill. The last entry and the end-of-day exit leave that much of the day before the close,
  // as the defaults do at 1x, so a fill landing just before the exit is still exited.
  f.write_config(
      "[reconcile]\ninterval_s = 0.5\n\n[session]\nentry_end = \"14:30\"\neod_exit = \"14:50\"\n");
  REQUIRE(f.admin("POST", "/admin/faults", faults).status == 200);
  auto d = f.daemon({"--exit-after-close"});
  const auto code = d->wait_exit(240s);
  CAPTURE(d->drain_stderr());
  REQUIRE(code.has_value());
  MESSAGE(test::journal_summary(f));
  return *code;
}

// Differences the runs while trading found: on these days nobody trades behind the daemon's back
// and the order feed is whole, so every one would be a false alarm. (A second order under one of
// our tags is the executor's finding, and a real one.)
void check_no_false_discrepancies(const std::vector<ev::event>& events) {
  for (const auto& e : events)
    if (const auto* d = std::get_if<ev::reconciliation_discrepancy>(&e.body)) {
      CAPTURE(d->kind);
      CAPTURE(d->order);
      CHECK(d->kind == "duplicate_order");
    }
}

int count_of(const std::vector<ev::event>& events, std::string_view type) {
  int n = 0;
  for (const auto& e : events) n += e.type_name() == type;
  return n;
}

}  // namespace

TEST_CASE(
    "a day of partial fills and two fills to an update and fills racing cancels ends flat and "
    "counted" *
    test::alone) {
  test::e2e_fixture f("2026-01-07T09:10:00+05:30", 900);
  CHECK(trade_day(
            f, R"({"partial_fill_ratio":0.5,"coalesce_fills_next":20,"fill_on_cancel_next":10})") ==
        0);
  const auto events = f.journal();
  CHECK(count_of(events, "PositionClosed") >= 1);
  check_no_false_discrepancies(events);
  test::check_flat_run(f);
}

TEST_CASE("a day where most orders are rejected still exits every position and ends flat" *
          test::alone) {
  test::e2e_fixture f("2026-01-07T09:10:00+05:30", 900);
  CHECK(trade_day(f, R"({"reject_rate":0.7})") == 0);
  const auto events = f.journal();
  CHECK(count_of(events, "OrderRejected") >= 1);
  check_no_false_discrepancies(events);
  test::check_flat_run(f);
}

TEST_CASE(
    "exits rejected again and again halt entries and keep going until an operator resumes and "
    "the day ends flat" *
    test::alone) {
  test::e2e_fixture f("2026-01-07T09:10:00+05:30", 900);
  REQUIRE(f.admin("POST", "/admin/faults", R"({"reject_sell_next":8})").status == 200);
  auto d = f.daemon({"--exit-after-close"});
  REQUIRE(f.wait_for_event("TradingHalted", 120s));
  CHECK(f.replayed().risk.halted_for("exit_failed"));
  // The operator has looked: touching RESUME lifts the halt at the next heartbeat.
  std::ofstream(f.state() / "RESUME") << "";
  REQUIRE(f.wait_for_event("TradingResumed", 30s));
  CHECK(d->wait_exit(240s) == 0);
  CHECK_FALSE(std::filesystem::exists(f.state() / "RESUME"));
  bool resumed = false;
  for (const auto& e : f.journal())
    if (const auto* r = std::get_if<ev::trading_resumed>(&e.body))
      resumed = resumed || r->reason == "exit_failed";
  CHECK(resumed);
  test::check_flat_run(f);
}

TEST_CASE(
    "a day of lost place replies and a lagging order book never doubles an order and ends flat" *
    test::alone) {
  test::e2e_fixture f("2026-01-12T09:10:00+05:30", 900);
  CHECK(trade_day(
            f,
            R"({"drop_after_accept_next":10,"empty_order_reply_next":10,"order_book_lag_ms":150,)"
            R"("hold_place_reply_ms":300,"hold_place_reply_next":5})") == 0);
  const auto events = f.journal();
  for (const auto& e : events)
    if (const auto* b = std::get_if<ev::broker_breaker_changed>(&e.body))
      CHECK(b->group != "orders");
  check_no_false_discrepancies(events);
  test::check_flat_run(f);
}

TEST_CASE(
    "SIGTERM while an entry's place reply is held ends flat with nothing left working at the "
    "simulator") {
  test::e2e_fixture f("2026-01-07T10:00:00+05:30", 300);
  // Every place is processed at once but answered two seconds later: the flatten starts while
  // the entry is live at the exchange and the daemon does not yet know its id.
  REQUIRE(
      f.admin("POST", "/admin/faults", R"({"hold_place_reply_ms":2000,"hold_place_reply_next":1})")
          .status == 200);
  auto d = f.daemon();
  const int before = f.count_in_journal("OrderSubmitted");
  REQUIRE(f.wait_for_event("OrderSubmitted", 120s, before + 1));
  d->signal(SIGTERM);
  CHECK(d->wait_exit(90s) == 0);
  const auto events = f.journal();
  bool flat = false;
  for (const auto& e : events)
    if (const auto* c = std::get_if<ev::flatten_completed>(&e.body)) flat = c->flat;
  CHECK(flat);
  test::check_flat_run(f);
}

TEST_CASE(
    "a stop-loss exit in a crashing market fills near its trigger, not minutes of falling later") {
  // 60x from noon, a quarter of an hour before the day's first entry: the simulator steps the
  // market a second at a time (16 ms), and a real millisecond of a busy machine's scheduling
  // is only 0.06 market seconds of the crash. At 200x one stall of 25 ms cost the exit a further
  // 15 % of the premium.
  test::e2e_fixture f("2026-01-14T12:00:00+05:30", 60);
  auto d = f.daemon();
  REQUIRE(f.wait_for_event("PositionOpened", 120s));
  const auto opened = [&] {
    for (const auto& e : f.journal())
      if (const auto* o = std::get_if<ev::position_opened>(&e.body)) return *o;
    FAIL("no PositionOpened");
    return ev::position_opened{};
  }();
  // The index falls (for a call; rises, for a put) 3 % in two minutes and stays there.
  const bool call = opened.symbol.ends_with("CE");
  const std::string crash = std::string(R"({"symbol":"NIFTY","change_pct":)") +
                            (call ? "-3" : "3") +
                            R"(,"ramp_s":120,"hold_s":3600,"revert_s":0,"start":"now"})";
  REQUIRE(f.admin("POST", "/admin/scenario", crash).status == 200);
  REQUIRE(f.wait_for_event("PositionClosed", 120s));
  d->signal(SIGTERM);
  CHECK(d->wait_exit(90s) == 0);
  const auto events = f.journal();
  std::optional<ev::position_exit_triggered> trigger;
  std::optional<ev::position_closed> closed;
  for (const auto& e : events) {
    if (const auto* t = std::get_if<ev::position_exit_triggered>(&e.body); t && !trigger)
      trigger = *t;
    if (const auto* c = std::get_if<ev::position_closed>(&e.body); c && !closed) closed = *c;
  }
  REQUIRE(trigger);
  REQUIRE(closed);
  CAPTURE(trigger->reason);
  CAPTURE(trigger->price_paise);
  CAPTURE(closed->exit_avg_paise);
  CHECK((trigger->reason == "stop_loss" || trigger->reason == "trailing_stop"));
  // The exit chased the live bid a step a second: it filled within a few market seconds of the
  // trigger (86-99 % of its price in this crash, where the premium falls some 3 % a second, with
  // two cores kept busy by four other processes); a ladder stepping from the stale trigger price
  // filled at 55 %. Under the sanitizers a real millisecond of their overhead
  // is as much market as one of delivery, so there only the exit itself is checked.
  if (!test::sanitized) CHECK(closed->exit_avg_paise * 100 >= trigger->price_paise * 75);
  test::check_flat_run(f);
}
