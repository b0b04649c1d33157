// Reconciliation before anything is sent: a restart never acts on a journal the broker's books
// contradict.
#include <doctest/doctest.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <optional>

#include "daemon/reconciler.hpp"
#include "tests/daemon/executor_fixture.hpp"

using namespace strike;
namespace ev = strike::events;
using test::option;

namespace {

// Runs a coroutine on the fixture's reactor to its end.
template <class T>
T run(test::executor_fixture& f, boost::asio::awaitable<T> work) {
  std::optional<T> out;
  boost::asio::co_spawn(
      f.io,
      [&out, w = std::move(work)]() mutable -> boost::asio::awaitable<void> {
        out.emplace(co_await std::move(w));
      },
      boost::asio::detached);
  f.settle();
  REQUIRE(out.has_value());
  return std::move(*out);
}

result<daemon::reconcile_summary> reconcile_now(test::executor_fixture& f,
                                                daemon::unknown_position_policy policy) {
  return run(f, daemon::reconcile(*f.bus, f.state, *f.paper, *f.executor, policy));
}

std::size_t sells(const test::executor_fixture& f) {
  std::size_t n = 0;
  for (const auto& o : f.paper->book().orders()) n += o.side == ev::side::sell;
  return n;
}

}  // namespace

TEST_CASE(
    "a position closed by hand while the daemon was down is not sold again by the missed "
    "end-of-day exit") {
  test::executor_fixture f;
  f.calm_vix();
  f.market(option, 10000, 9995, 10000);
  f.engine->enter(f.intent());
  f.settle();
  REQUIRE(f.state.positions.at(option).qty == 130);

  f.restart(false);  // the broker holds nothing now
  f.calm_vix();
  f.market(option, 10000, 9995, 10000);
  // The session moved on while the daemon was down: its end-of-day exit is published at start,
  // before the books are read. Nothing may go out on the journal's word alone.
  f.publish(ev::end_of_day_exit{"2026-01-06", 1});
  f.settle();
  CHECK(f.of_type<ev::order_intent>().size() == 1);
  CHECK(f.paper->book().orders().empty());

  auto summary = reconcile_now(f, daemon::unknown_position_policy::report);
  REQUIRE(summary.ok());
  CHECK_FALSE(summary->agreed);
  const auto found = f.of_type<ev::reconciliation_discrepancy>();
  REQUIRE(found.size() == 1);
  CHECK(found[0].kind == "qty_mismatch");
  CHECK(found[0].journal_qty == 130);
  CHECK(found[0].broker_qty == 0);
  CHECK(f.state.risk.halted_for("reconcile_mismatch"));
  CHECK(f.state.risk.halt_scope == "manual");

  f.engine->resume();  // carries the end-of-day flatten on
  f.settle();
  CHECK(sells(f) == 0);  // no naked short
  CHECK(f.of_type<ev::error_raised>().back().code == "not_held");
  CHECK(f.state.risk.flattening());  // not flat: the journal still holds what the broker does not
}

TEST_CASE("a partly closed position is exited only for what the broker still holds") {
  test::executor_fixture f;
  f.calm_vix();
  f.market(option, 10000, 9995, 10000);
  f.engine->enter(f.intent());
  f.settle();
  f.restart(true);
  // A person sold 65 of the 130 at the broker while the daemon was down.
  REQUIRE(
      run(f, f.paper->place_order(test::by_hand(option, "NIFTY06JAN2626000CE", ev::side::sell, 65)))
          .ok());
  f.market(option, 10000, 9995, 10000);
  f.settle();
  auto summary = reconcile_now(f, daemon::unknown_position_policy::report);
  REQUIRE(summary.ok());
  CHECK(f.state.positions.at(option).exit_cap == 65);
  f.engine->resume();
  f.engine->exit_position(option, "signal");
  f.settle();
  const auto exits = f.of_type<ev::order_intent>();
  REQUIRE(exits.back().purpose == ev::purpose::exit);
  CHECK(exits.back().qty == 65);
  CHECK(f.state.positions.at(option).qty == 65);  // the journal's phantom half stays, unexited
  CHECK(f.state.positions.at(option).exit_cap == 0);
}
