// Orders above the exchange's freeze quantity: an entry goes out as slices at once, an exit one
// slice at a time, the stop at the broker covers one slice, and every slice has its own key.
#include <doctest/doctest.h>

#include <set>

#include "core/trading/order_slices.hpp"
#include "tests/trading/engine_fixture.hpp"

namespace strike::test {
namespace {

using core::trading::freeze_qty_for;
using core::trading::max_slice_qty;
using core::trading::slice_quantities;

const core::trading::freeze_table nse{{"NIFTY", 1800}, {"BANKNIFTY", 900}, {"NIFTYNXT50", 600}};

TEST_CASE("an option's freeze quantity is its underlying's, named by the symbol's start") {
  CHECK(freeze_qty_for(nse, "NIFTY06JAN2626000CE") == 1800);
  CHECK(freeze_qty_for(nse, "BANKNIFTY27JAN2660000PE") == 900);
  // "NIFTY" is the start of another underlying's name, not its own.
  CHECK(freeze_qty_for(nse, "NIFTYNXT5027JAN2670000CE") == 600);
  CHECK(freeze_qty_for(nse, "FINNIFTY27JAN2627000CE") == 0);  // not in the table: no limit
  CHECK(freeze_qty_for({}, "NIFTY06JAN2626000CE") == 0);
}

TEST_CASE("slices are whole lots within the freeze quantity, full ones first") {
  CHECK(max_slice_qty(1800, 65) == 1755);
  CHECK(max_slice_qty(1800, 75) == 1800);
  CHECK(max_slice_qty(0, 65) == 0);
  CHECK(max_slice_qty(30, 65) == 65);  // below a lot: one lot, which the exchange would refuse
  CHECK(slice_quantities(4200, 1755) == std::vector<std::int64_t>{1755, 1755, 690});
  CHECK(slice_quantities(1755, 1755) == std::vector<std::int64_t>{1755});
  CHECK(slice_quantities(130, 0) == std::vector<std::int64_t>{130});
}

// Seven lots of 65 with at most three lots (195 units) to an order.
core::trading::trading_config seven_lots_three_per_order() {
  core::trading::trading_config config;
  config.risk.sizing = {{1e9, 0, 1000, 7}};
  config.freeze_qty = {{"NIFTY", 200}};
  return config;
}

std::vector<ev::order_intent> of_purpose(const std::vector<ev::order_intent>& all,
                                         ev::purpose purpose) {
  std::vector<ev::order_intent> out;
  for (const auto& i : all)
    if (i.purpose == purpose) out.push_back(i);
  return out;
}

// Enters seven lots at ₹100 and fills every slice of the entry whole.
void hold_seven_lots(engine_fixture& f) {
  f.calm_vix();
  f.quote(option, 10'000, 9'995, 10'000);
  REQUIRE(!f.engine->enter(f.intent()).empty());
  for (const auto& e : of_purpose(f.of_type<ev::order_intent>(), ev::purpose::entry)) {
    f.accept(e.order);
    f.fill(e.order, f.state.orders.at(e.order).qty, 10'000);
  }
  REQUIRE(f.state.positions.at(option).qty == 455);
}

TEST_CASE("an entry above the freeze quantity goes out as slices, each under its own key") {
  engine_fixture f(seven_lots_three_per_order());
  f.calm_vix();
  f.quote(option, 10'000, 9'995, 10'000);
  const auto key = f.engine->enter(f.intent());
  REQUIRE(!key.empty());

  const auto entries = of_purpose(f.of_type<ev::order_intent>(), ev::purpose::entry);
  REQUIRE(entries.size() == 3);
  CHECK(entries[0].order == key);
  std::set<std::string> keys;
  std::vector<std::int64_t> sizes;
  for (const auto& e : entries) {
    keys.insert(e.order);
    sizes.push_back(f.state.orders.at(e.order).qty);
    CHECK(f.state.orders.at(e.order).status == core::order_status::submitted);
  }
  CHECK(keys.size() == 3);
  CHECK(sizes == std::vector<std::int64_t>{195, 195, 65});
  for (const auto& s : f.of_type<ev::order_submitted>()) CHECK(s.qty <= 195);

  // The same decision again (a restart re-deciding the same bar) sends no slice twice.
  CHECK(f.engine->enter(f.intent()).empty());
  CHECK(f.of_type<ev::order_submitted>().size() == 3);

  // Every slice's fill goes to the one position.
  for (const auto& e : entries) {
    f.accept(e.order);
    f.fill(e.order, f.state.orders.at(e.order).qty, 10'000);
  }
  CHECK(f.state.positions.at(option).qty == 455);
  CHECK(f.of_type<ev::position_opened>().size() == 1);
}

TEST_CASE("an exit above the freeze quantity sells one slice at a time until flat") {
  engine_fixture f(seven_lots_three_per_order());
  hold_seven_lots(f);
  f.engine->exit_position(option, "signal");

  std::vector<std::int64_t> sold;
  for (int round = 0; round < 5 && f.state.positions.contains(option); ++round) {
    const auto exits = of_purpose(f.of_type<ev::order_intent>(), ev::purpose::exit);
    REQUIRE(exits.size() == sold.size() + 1);  // the next slice, and only it
    const auto& key = exits.back().order;
    const std::int64_t qty = f.state.orders.at(key).qty;
    CHECK(qty <= 195);
    // Never more being sold than is held.
    CHECK(qty <= f.state.positions.at(option).qty);
    f.accept(key);
    f.fill(key, qty, 10'100);
    sold.push_back(qty);
  }
  CHECK(sold == std::vector<std::int64_t>{195, 195, 65});
  CHECK_FALSE(f.state.positions.contains(option));
  CHECK(f.of_type<ev::position_closed>().size() == 1);
}

TEST_CASE("a slice of an exit that fails is retried for its own size, not the position's") {
  engine_fixture f(seven_lots_three_per_order());
  hold_seven_lots(f);
  f.engine->exit_position(option, "signal");
  const auto first = f.last_order();
  f.accept(first);
  f.fill(first, 65, 10'100);  // one lot of the slice, then the broker cancels the rest
  f.cancelled(first);
  f.clock.advance_by(2 * core::ns_per_s);
  f.engine->on_time(f.clock.now_ns());
  const auto retry = f.last_order();
  REQUIRE(retry != first);
  CHECK(f.state.orders.at(retry).purpose == ev::purpose::exit);
  CHECK(f.state.orders.at(retry).qty == 195);
  CHECK(f.state.positions.at(option).qty == 390);
}

TEST_CASE("the stop resting at the broker covers at most one slice") {
  auto config = seven_lots_three_per_order();
  config.exits.broker_stop = true;
  engine_fixture f(config);
  hold_seven_lots(f);
  const auto stops = of_purpose(f.of_type<ev::order_intent>(), ev::purpose::stop);
  REQUIRE(!stops.empty());
  for (const auto& s : stops) CHECK(f.state.orders.at(s.order).qty <= 195);
}

}  // namespace
}  // namespace strike::test
