// After a restart, an entry decided before it is sent only if it is still current: same session,
// and entries allowed now.
#include <doctest/doctest.h>

#include "tests/daemon/executor_fixture.hpp"

using namespace strike;
namespace ev = strike::events;
using test::option;

namespace {
constexpr std::int64_t day_ns = 24LL * 3600 * 1'000'000'000;

void reconciled(test::executor_fixture& f) { f.publish(ev::reconciliation_completed{0, 0, 0, 0, true}); }
}  // namespace

TEST_CASE("an entry approved but never sent before a crash is not sent the next morning") {
  test::executor_fixture f;
  f.calm_vix();
  f.market(option, 10000, 9995, 10000);
  const std::string key = "yesterday";
  f.publish(ev::order_intent{key, "trend", option, "NIFTY06JAN2626000CE", ev::side::buy, 130, ev::purpose::entry,
                             "bullish", 10000, 5, 65},
            {.key = key});
  f.publish(ev::risk_approved{key, 2, 130});
  f.restart(true);
  f.clock.advance_by(day_ns);
  f.open_session("2026-01-07", 2);
  reconciled(f);
  f.engine->resume();
  f.settle();
  CHECK(f.state.orders.at(key).status == core::order_status::risk_rejected);
  CHECK(f.of_type<ev::risk_rejected>().back().check == "stale");
  CHECK(f.paper->book().orders().empty());
}

TEST_CASE("an entry approved but never sent is sent after a restart the same session") {
  test::executor_fixture f;
  f.calm_vix();
  f.market(option, 10000, 9995, 10000);
  const std::string key = "today";
  f.publish(ev::order_intent{key, "trend", option, "NIFTY06JAN2626000CE", ev::side::buy, 130, ev::purpose::entry,
                             "bullish", 10000, 5, 65},
            {.key = key});
  f.publish(ev::risk_approved{key, 2, 130});
  f.restart(true);
  f.publish(ev::self_test_completed{true, "", ""});
  reconciled(f);
  f.market(option, 10000, 9995, 10000);
  f.engine->resume();
  f.settle();
  CHECK(f.paper->book().orders().size() == 1);
}

TEST_CASE("an entry the broker never got is not sent again the next day") {
  test::executor_fixture f;
  f.calm_vix();
  f.market(option, 10000, 9995, 10000);
  const auto key = f.engine->enter(f.intent());
  REQUIRE(f.state.orders.at(key).status == core::order_status::submitted);
  // The send's outcome was lost (the process died with the request on the wire), and the
  // broker never got it.
  f.publish(ev::order_outcome_unknown{key, "place", "the daemon restarted before the broker answered"});
  f.restart(false);
  f.clock.advance_by(day_ns);
  f.open_session("2026-01-07", 2);
  reconciled(f);
  f.executor->resume();
  f.settle();
  CHECK(f.state.orders.at(key).status == core::order_status::cancelled);
  CHECK(f.state.orders.at(key).last_reason.find("not sent again") != std::string::npos);
  CHECK(f.paper->book().orders().empty());
}
