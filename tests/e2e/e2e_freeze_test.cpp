// A position above the exchange's freeze quantity against the simulator, which rejects any one
// order above it as the exchange does: the entry goes out as slices, the flatten sells it slice by
// slice, and the day ends flat with the simulator's books and the journal agreeing.
#include "tests/e2e/e2e_books.hpp"
#include "tests/e2e/e2e_fixture.hpp"

using namespace strike;
using namespace std::chrono_literals;
namespace ev = strike::events;

TEST_CASE("a position above the freeze quantity is bought and sold in slices the exchange takes") {
  test::e2e_fixture f("2026-01-14T12:00:00+05:30", 60);
  // 30 lots of 65, 1,950 units: more than NIFTY's 1,800 in one order.
  f.write_config("[[risk.sizing]]\nvix_below = 1e9\nmin_dte = 0\nmax_dte = 1000\nlots = 30\n");
  auto d = f.daemon();
  REQUIRE(f.wait_for_event("PositionOpened", 120s));
  REQUIRE(f.wait_for_event("OrderFilled", 60s, 2));  // both slices of the entry
  d->signal(SIGTERM);
  CHECK(d->wait_exit(60s) == 0);

  std::int64_t largest = 0;
  int refused = 0;
  test::for_each_sim_order(f, [&](simdjson::dom::element o) {
    largest = std::max(largest, test::number_of(o["quantity"]));
    refused += std::string_view(o["status"]) == "rejected";
  });
  CHECK(largest <= 1800);
  CHECK(refused == 0);

  // What each order was sent for (an entry's intent carries the decision's whole size).
  std::map<std::string, ev::purpose> purpose_of;
  std::vector<std::int64_t> entries, exits;
  for (const auto& e : f.journal()) {
    if (const auto* i = std::get_if<ev::order_intent>(&e.body)) purpose_of[i->order] = i->purpose;
    if (const auto* s = std::get_if<ev::order_submitted>(&e.body))
      (purpose_of[s->order] == ev::purpose::entry ? entries : exits).push_back(s->qty);
  }
  CHECK(entries == std::vector<std::int64_t>{1755, 195});
  REQUIRE(exits.size() >= 2);
  CHECK(exits[0] == 1755);
  test::check_flat_run(f);
}
