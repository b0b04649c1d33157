// Fills that arrive after the position they belong to has been exited: each lot is a position
// of its own, with its own stop, its own exit and its own place in the day's P&L.
#include <doctest/doctest.h>

#include "tests/trading/engine_fixture.hpp"

using namespace strike;
namespace ev = strike::events;
using test::option;

TEST_CASE("the rest of an entry filling after its position closed opens, exits and counts a second position") {
  test::engine_fixture f;
  f.calm_vix();
  f.quote(option, 10000, 9995, 10000);
  const auto entry = f.engine->enter(f.intent());
  f.accept(entry);
  f.fill(entry, 65, 10000);
  REQUIRE(f.of_type<ev::position_opened>().size() == 1);

  f.quote(option, 7990, 7985, 7995);  // through the 20 % stop
  const auto first_exit = f.last_order();
  REQUIRE(f.state.orders.at(first_exit).purpose == ev::purpose::exit);
  CHECK(f.state.orders.at(first_exit).qty == 65);
  // The exit cancels what is left of the entry, so the ladder stops chasing it upward.
  const auto cancels = f.of_type<ev::order_cancel_requested>();
  REQUIRE(cancels.size() == 1);
  CHECK(cancels[0].order == entry);
  f.accept(first_exit);
  f.fill(first_exit, 65, 7985);
  REQUIRE(f.of_type<ev::position_closed>().size() == 1);
  CHECK(f.state.positions.empty());

  // The cancel lost the race: the entry's other 65 fill.
  f.fill(entry, 65, 10000);
  REQUIRE(f.of_type<ev::position_opened>().size() == 2);
  CHECK(f.state.positions.at(option).opened);
  CHECK(f.state.positions.at(option).stop_paise == 8000);
  // It was bought against the exit's wishes: it goes straight out, for its own quantity.
  const auto second_exit = f.last_order();
  REQUIRE(second_exit != first_exit);
  CHECK(f.state.orders.at(second_exit).purpose == ev::purpose::exit);
  CHECK(f.state.orders.at(second_exit).qty == 65);
  CHECK(f.of_type<ev::position_exit_triggered>().back().reason == "stop_loss");
  f.accept(second_exit);
  f.fill(second_exit, 65, 8100);

  const auto closed = f.of_type<ev::position_closed>();
  REQUIRE(closed.size() == 2);
  CHECK(closed[1].gross_pnl_paise == 65 * (8100 - 10000));
  CHECK(f.state.positions.empty());
  CHECK(f.state.today.trades == 2);
  CHECK(f.state.today.realized_pnl_paise == closed[0].net_pnl_paise + closed[1].net_pnl_paise);
}

TEST_CASE("two rounds on one strike exited for the same reason and size get distinct exit orders") {
  test::engine_fixture f;
  f.calm_vix();
  const auto first = f.open_position(10000, "bar-1");
  f.publish(ev::end_of_day_exit{"2026-01-06", 1});
  const auto exit1 = f.last_order();
  f.accept(exit1);
  f.fill(exit1, 130, 10100);
  REQUIRE(f.of_type<ev::position_closed>().size() == 1);

  // The next day, the same strike again, and the same end-of-day exit of the same size.
  f.open_session("2026-01-07", 2);
  f.quote(option, 10000, 9995, 10000);
  const auto second = f.open_position(10000, "bar-2");
  REQUIRE(second != first);
  REQUIRE(f.of_type<ev::position_opened>().size() == 2);
  f.publish(ev::end_of_day_exit{"2026-01-07", 1});
  const auto exit2 = f.last_order();
  REQUIRE(exit2 != exit1);
  CHECK(f.state.orders.at(exit2).purpose == ev::purpose::exit);
  f.accept(exit2);
  f.fill(exit2, 130, 10200);
  CHECK(f.of_type<ev::position_closed>().size() == 2);
  CHECK(f.state.today.trades == 1);  // the second day's tally
  CHECK(f.state.today.realized_pnl_paise == 130 * 200);
}
