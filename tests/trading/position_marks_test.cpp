// The engine's valuation of each open position, which the dashboard shows: where it could be
// closed now, when that was quoted, and what it would make; the unrealised total is their sum.
#include <doctest/doctest.h>

#include "tests/trading/engine_fixture.hpp"

using namespace strike;
using test::option;

namespace position_marks_cases {

std::int64_t sum_of(const std::map<std::string, core::trading::position_mark>& marks) {
  std::int64_t total = 0;
  for (const auto& [instrument, m] : marks) total += m.unrealized_paise;
  return total;
}

}  // namespace position_marks_cases

using position_marks_cases::sum_of;

TEST_CASE("an open position is marked at the bid, else the last price, and its P&L is the total") {
  test::engine_fixture f;
  f.calm_vix();
  CHECK(f.engine->position_marks().empty());
  f.open_position(10000);
  const auto& p = f.state.positions.at(option);
  REQUIRE(p.qty > 0);

  f.clock.advance_by(2 * core::ns_per_s);
  const std::int64_t quoted = f.clock.now_ns();
  f.quote(option, 10150, 10140, 10155);  // short of the trailing stop's 2 %
  auto marks = f.engine->position_marks();
  REQUIRE(marks.size() == 1);  // the VIX is quoted, not held
  CHECK(marks.at(option).mark_paise == 10140);
  CHECK(marks.at(option).mark_ns == quoted);
  CHECK(marks.at(option).unrealized_paise == p.qty * 10140 - p.cost_paise);
  CHECK(sum_of(marks) == f.engine->unrealized_paise());

  f.clock.advance_by(core::ns_per_s);
  f.quote(option, 10120);  // no depth
  marks = f.engine->position_marks();
  CHECK(marks.at(option).mark_paise == 10120);
  CHECK(marks.at(option).mark_ns == f.clock.now_ns());
  CHECK(marks.at(option).unrealized_paise == p.qty * 10120 - p.cost_paise);
  CHECK(sum_of(marks) == f.engine->unrealized_paise());
}

TEST_CASE("a held position not yet quoted is marked at its cost, with no quote time") {
  test::engine_fixture f;
  f.calm_vix();
  f.open_position(10000);
  f.quote(option, 10150, 10140, 10155);
  // As after a restart: the journal holds a short the market feed has not priced yet.
  auto& unquoted = f.state.positions["NFO:40001"];
  unquoted.instrument = "NFO:40001";
  unquoted.qty = -50;
  unquoted.cost_paise = -50 * 8000;
  const auto marks = f.engine->position_marks();
  REQUIRE(marks.size() == 2);
  CHECK(marks.at("NFO:40001").mark_paise == 8000);
  CHECK(marks.at("NFO:40001").mark_ns == 0);
  CHECK(marks.at("NFO:40001").unrealized_paise == 0);
  CHECK(sum_of(marks) == f.engine->unrealized_paise());
  CHECK(sum_of(marks) == marks.at(option).unrealized_paise);

  // Quoted, a short is marked at the ask: what buying it back would cost.
  f.quote("NFO:40001", 7900, 7895, 7910);
  CHECK(f.engine->position_marks().at("NFO:40001").unrealized_paise == -50 * 7910 + 50 * 8000);
}

TEST_CASE("a closed position is no longer marked") {
  test::engine_fixture f;
  f.calm_vix();
  f.open_position(10000);
  f.quote(option, 10150, 10140, 10155);
  f.engine->exit_position(option, "signal");
  const auto exit = f.last_order();
  f.accept(exit);
  // Still held until the exit fills: still marked.
  CHECK(f.engine->position_marks().count(option) == 1);
  f.fill(exit, f.state.orders.at(exit).qty, 10140);
  CHECK(f.engine->position_marks().empty());
  CHECK(f.engine->unrealized_paise() == 0);
}
