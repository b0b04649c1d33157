// Reconciliation while trading: an order filled, or cancelled, at the simulator behind the
// daemon's back while its order feed is stalled is found by the next interval's run. The book
// polling is slowed to a minute, so that reconciliation is what finds it.
#include <doctest/doctest.h>

#include "tests/e2e/e2e_books.hpp"

using namespace strike;
using namespace std::chrono_literals;
namespace ev = strike::events;

namespace {

// Entries of two lots whose first fill takes one and whose rest waits ten market hours at step 0
// of the ladder; reconciliation every two real seconds.
const std::string resting_config =
    "[reconcile]\ninterval_s = 2\nsettle_ms = 500\n\n"
    "[ladder]\nstep_wait_ms = 600000\n\n"
    "[[risk.sizing]]\nvix_below = 1e9\nmin_dte = 0\nmax_dte = 1000\nlots = 2\n";

struct entry {
  std::string key;
  std::string broker_id;
};

// The daemon's first entry, once it is half filled and working for the rest.
entry half_filled_entry(test::e2e_fixture& f) {
  REQUIRE(f.wait_for_event("OrderFilled", 120s));
  entry e;
  for (const auto& ev : f.journal()) {
    if (const auto* fill = std::get_if<ev::order_filled>(&ev.body); fill && e.key.empty()) {
      REQUIRE(fill->leaves_qty > 0);
      e.key = fill->order;
    }
  }
  for (const auto& ev : f.journal())
    if (const auto* a = std::get_if<ev::order_accepted>(&ev.body); a && a->order == e.key)
      e.broker_id = a->broker_id;
  REQUIRE_FALSE(e.broker_id.empty());
  return e;
}

std::vector<ev::reconciliation_discrepancy> discrepancies(const test::e2e_fixture& f) {
  std::vector<ev::reconciliation_discrepancy> out;
  for (const auto& e : f.journal())
    if (const auto* d = std::get_if<ev::reconciliation_discrepancy>(&e.body)) out.push_back(*d);
  return out;
}

// Stalls the order feed, then has the simulator act on the entry; returns the real time it took
// the daemon to journal the discrepancy.
std::chrono::milliseconds act_behind_its_back(test::e2e_fixture& f, const entry& e,
                                              const std::string& action) {
  REQUIRE(f.admin("POST", "/admin/faults",
                  R"({"ws_stall_next":1,"ws_stall_ms":600000,"ws_feeds":["orders"]})")
              .status == 200);
  const auto at = std::chrono::steady_clock::now();
  REQUIRE(
      f.admin("POST", "/admin/orders/" + action, R"({"orderid":")" + e.broker_id + "\"}").status ==
      200);
  REQUIRE(f.wait_for_event("ReconciliationDiscrepancy", 30s));
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() -
                                                               at);
}

// Starts the daemon on resting_config, with each entry's first fill one lot and its rest never.
std::unique_ptr<test::child_process> start_resting(test::e2e_fixture& f) {
  f.write_config(resting_config, 60'000);
  REQUIRE(
      f.admin("POST", "/admin/faults", R"({"partial_fill_ratio":0.5,"partial_fill_rest_s":36000})")
          .status == 200);
  return f.daemon();
}

// The daemon's half-filled first entry, after the simulator acted on it behind its back: found
// within one interval, the settling wait and two rate-limited reads of the books, as exactly
// one discrepancy of kind, acted on as action.
entry acted_on_and_found(test::e2e_fixture& f, const std::string& behind_its_back,
                         const std::string& kind, const std::string& action) {
  const auto e = half_filled_entry(f);
  CHECK(act_behind_its_back(f, e, behind_its_back) < 8s);
  const auto found = discrepancies(f);
  REQUIRE(found.size() == 1);
  CHECK(found[0].kind == kind);
  CHECK(found[0].order == e.key);
  CHECK(found[0].action == action);
  return e;
}

}  // namespace

TEST_CASE(
    "an order filled at the broker while the order feed is stalled is adopted by the next run") {
  test::e2e_fixture f("2026-01-14T12:10:00+05:30", 20);
  auto d = start_resting(f);
  const auto e = acted_on_and_found(f, "fill", "fill_missed", "adopted");
  const auto state = f.replayed();
  CHECK(state.orders.at(e.key).status == core::order_status::filled);
  int adopted = 0;
  for (const auto& ev : f.journal())
    if (const auto* fill = std::get_if<ev::order_filled>(&ev.body); fill && fill->order == e.key)
      adopted += fill->source == "reconcile";
  CHECK(adopted == 1);
  d->signal(SIGKILL);
}

TEST_CASE(
    "an order cancelled at the broker while the order feed is stalled is closed by the next run") {
  test::e2e_fixture f("2026-01-14T12:10:00+05:30", 20);
  auto d = start_resting(f);
  const auto e = acted_on_and_found(f, "cancel", "status_missed", "closed");
  const auto state = f.replayed();
  CHECK(state.orders.at(e.key).status == core::order_status::cancelled);
  CHECK(state.orders.at(e.key).filled_qty == state.orders.at(e.key).qty / 2);
  d->signal(SIGKILL);
}
