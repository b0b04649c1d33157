// Several strategy instances on one account: each instance's own limits stop that instance
// alone, the account's stop all of them, and two instances in one contract each keep their own
// position in it.
#include <doctest/doctest.h>

#include "core/positions.hpp"
#include "core/trading/instance_limits.hpp"
#include "tests/trading/engine_fixture.hpp"

using namespace strike;
namespace ev = strike::events;

namespace {

const std::string call_a = "NFO:41001";
const std::string call_b = "NFO:41002";

core::trading::trading_config two_instances() {
  core::trading::trading_config c;
  c.risk.max_positions = 4;
  c.risk.capital_paise = 10'00'000'00;                 // ₹10 lakh
  c.instances["trend_nifty"] = {5'00'000'00, 1, 100};  // ₹5 lakh, 1 position, 1 % (₹5,000)
  c.instances["revert_bank"] = {2'00'000'00, 2, 0};    // ₹2 lakh, 2 positions, no loss limit
  return c;
}

core::trading::entry_intent entry_of(const std::string& instance, const std::string& instrument,
                                     const std::string& basis) {
  return {instance,
          instrument,
          "NIFTY13JAN26" + instrument.substr(4) + "CE",
          ev::side::buy,
          "test",
          basis,
          65,
          5};
}

// Enters for instance, has the broker take and fill it at price; returns the key ("" if the
// entry was refused by risk).
std::string enter_filled(test::engine_fixture& f, const std::string& instance,
                         const std::string& instrument, const std::string& basis,
                         std::int64_t price) {
  f.quote(instrument, price, price - 5, price);
  const auto key = f.engine->enter(entry_of(instance, instrument, basis));
  REQUIRE(!key.empty());
  if (f.state.orders.at(key).status == core::order_status::risk_rejected) return "";
  f.accept(key);
  f.fill(key, f.state.orders.at(key).qty, price);
  return key;
}

std::string last_rejection(test::engine_fixture& f) {
  auto r = f.of_type<ev::risk_rejected>();
  return r.empty() ? "" : r.back().check;
}

}  // namespace

TEST_CASE("an instance at its own position limit is refused while another instance still enters") {
  test::engine_fixture f(two_instances());
  f.calm_vix();
  REQUIRE(!enter_filled(f, "trend_nifty", call_a, "bar-1", 100'00).empty());
  CHECK(f.state.positions.at(call_a).strategy == "trend_nifty");

  CHECK(enter_filled(f, "trend_nifty", call_b, "bar-2", 100'00).empty());
  CHECK(last_rejection(f) == "instance_max_positions");
  CHECK(!enter_filled(f, "revert_bank", call_b, "bar-2", 100'00).empty());
  CHECK(f.state.positions.at(call_b).strategy == "revert_bank");
  CHECK(!f.state.risk.halted);
}

TEST_CASE("two instances in one contract each hold their own position, netted at the broker") {
  test::engine_fixture f(two_instances());
  f.calm_vix();
  REQUIRE(!enter_filled(f, "trend_nifty", call_a, "bar-1", 110'00).empty());
  REQUIRE(!enter_filled(f, "revert_bank", call_a, "bar-1", 100'00).empty());
  // The first holder keeps the contract's own key; the second holds it under its name.
  const std::string second = call_a + "@revert_bank";
  REQUIRE(f.state.positions.size() == 2);
  const auto& first = f.state.positions.at(call_a);
  const auto& other = f.state.positions.at(second);
  CHECK(first.strategy == "trend_nifty");
  CHECK(other.strategy == "revert_bank");
  CHECK(first.instrument == call_a);
  CHECK(other.instrument == call_a);
  CHECK(first.cost_paise == 130 * 110'00);
  CHECK(other.cost_paise == 130 * 100'00);
  CHECK(core::net_qty(f.state, call_a) == 260);  // what the broker holds
  CHECK(core::position_key(f.state, call_a, "trend_nifty") == call_a);
  CHECK(core::position_key(f.state, call_a, "revert_bank") == second);
  CHECK(core::position_keys_in(f.state, call_a) == std::vector<std::string>{call_a, second});
  CHECK(f.of_type<ev::position_opened>().size() == 2);

  // One quote, two stops: trend_nifty's (20 % under ₹110) is hit, revert_bank's is not.
  f.quote(call_a, 85'00, 85'00, 85'05);
  CHECK(f.state.positions.at(call_a).exit_reason == "stop_loss");
  CHECK(f.state.positions.at(second).exit_reason.empty());
  const auto exit = f.last_order();
  CHECK(f.state.orders.at(exit).strategy == "trend_nifty");
  CHECK(f.state.orders.at(exit).qty == 130);  // its own quantity, not the contract's
  const auto triggered = f.of_type<ev::position_exit_triggered>();
  REQUIRE(triggered.size() == 1);
  CHECK(triggered[0].strategy == "trend_nifty");
  f.accept(exit);
  f.fill(exit, 130, 85'00);

  // The fill closed trend_nifty's position alone, at its own cost.
  REQUIRE(f.state.positions.size() == 1);
  CHECK(f.state.positions.at(second).qty == 130);
  CHECK(f.state.positions.at(second).cost_paise == 130 * 100'00);
  CHECK(core::position_key(f.state, call_a, "revert_bank") == second);
  CHECK(core::position_key(f.state, call_a, "trend_nifty") == call_a);  // free again
  const auto closed = f.of_type<ev::position_closed>();
  REQUIRE(closed.size() == 1);
  CHECK(closed[0].strategy == "trend_nifty");
  CHECK(closed[0].gross_pnl_paise == 130 * (85'00 - 110'00));
  CHECK(f.state.instances_today.at("trend_nifty").realized_pnl_paise == closed[0].net_pnl_paise);
  CHECK(f.state.instances_today.count("revert_bank") == 0);

  // revert_bank's own exit leaves the contract flat; both add up to the account.
  f.engine->exit_position(second, "signal");
  const auto last = f.last_order();
  CHECK(f.state.orders.at(last).strategy == "revert_bank");
  f.accept(last);
  f.fill(last, 130, 90'00);
  CHECK(f.state.positions.empty());
  const auto& t = f.state.instances_today;
  CHECK(t.at("revert_bank").realized_pnl_paise < 0);
  CHECK(t.at("trend_nifty").realized_pnl_paise + t.at("revert_bank").realized_pnl_paise ==
        f.state.today.realized_pnl_paise);
  CHECK(f.state.today.trades == 2);
}

TEST_CASE("a second instance's exit cancels its own entry in the contract, not the first's") {
  auto c = two_instances();
  c.instances["trend_nifty"].max_positions = 2;
  test::engine_fixture f(c);
  f.calm_vix();
  REQUIRE(!enter_filled(f, "revert_bank", call_a, "bar-1", 100'00).empty());
  // trend_nifty's entry in the same contract is working, not filled.
  f.quote(call_a, 100'00, 99'95, 100'00);
  const auto working = f.engine->enter(entry_of("trend_nifty", call_a, "bar-2"));
  f.accept(working);
  // revert_bank's second entry, also working, then its exit.
  const auto own = f.engine->enter(entry_of("revert_bank", call_a, "bar-3"));
  f.accept(own);
  f.engine->exit_position(call_a, "signal");
  CHECK(f.state.orders.at(own).pending == core::order_pending::cancel);
  CHECK(f.state.orders.at(working).pending == core::order_pending::none);
  // A fill of trend_nifty's entry opens its own position, under its name.
  f.fill(working, 130, 100'00);
  CHECK(f.state.positions.at(call_a + "@trend_nifty").qty == 130);
  CHECK(f.state.positions.at(call_a).qty == 130);
  CHECK(f.state.positions.at(call_a).strategy == "revert_bank");
}

TEST_CASE("an instance at its own loss limit is halted and exited alone") {
  test::engine_fixture f(two_instances());
  f.calm_vix();
  REQUIRE(!enter_filled(f, "trend_nifty", call_a, "bar-1", 300'00).empty());
  REQUIRE(!enter_filled(f, "revert_bank", call_b, "bar-1", 300'00).empty());
  // Its limit is ₹5,000 (1 % of ₹5 lakh): 130 units falling ₹45 lose ₹5,856, above the stop
  // at ₹240 (20 %).
  f.quote(call_a, 255'00, 254'95, 255'00);
  const auto halts = f.of_type<ev::trading_halted>();
  REQUIRE(halts.size() == 1);
  CHECK(halts[0].strategy == "trend_nifty");
  CHECK(halts[0].reason == "daily_loss");
  CHECK(!f.state.risk.halted);  // the account trades on
  CHECK(f.state.risk.instance_halt("trend_nifty") != nullptr);
  CHECK(f.state.risk.instance_halt("revert_bank") == nullptr);
  // Its position is on its way out, the other instance's is not.
  CHECK(f.state.positions.at(call_a).exit_reason == "instance_daily_loss");
  CHECK(f.state.positions.at(call_b).exit_reason.empty());
  const auto exit = f.last_order();
  CHECK(f.state.orders.at(exit).strategy == "trend_nifty");
  CHECK(f.state.orders.at(exit).purpose == ev::purpose::exit);

  // The halted instance is refused; the other still enters.
  const std::string call_c = "NFO:41003";
  CHECK(enter_filled(f, "trend_nifty", call_c, "bar-2", 100'00).empty());
  CHECK(last_rejection(f) == "instance_halted");
  CHECK(!enter_filled(f, "revert_bank", call_c, "bar-2", 100'00).empty());
}

TEST_CASE("closed trades count for their instance, and the instances add up to the account") {
  test::engine_fixture f(two_instances());
  f.calm_vix();
  const auto a = enter_filled(f, "trend_nifty", call_a, "bar-1", 100'00);
  const auto b = enter_filled(f, "revert_bank", call_b, "bar-1", 100'00);
  REQUIRE(!a.empty());
  REQUIRE(!b.empty());
  f.quote(call_a, 110'00, 109'95, 110'00);
  f.engine->exit_position(call_a, "signal");
  auto exit_a = f.last_order();
  f.accept(exit_a);
  f.fill(exit_a, f.state.orders.at(exit_a).qty, 110'00);
  f.quote(call_b, 95'00, 94'95, 95'00);
  f.engine->exit_position(call_b, "signal");
  auto exit_b = f.last_order();
  f.accept(exit_b);
  f.fill(exit_b, f.state.orders.at(exit_b).qty, 95'00);

  const auto closed = f.of_type<ev::position_closed>();
  REQUIRE(closed.size() == 2);
  CHECK(closed[0].strategy == "trend_nifty");
  CHECK(closed[1].strategy == "revert_bank");
  const auto& mine = f.state.instances_today.at("trend_nifty");
  const auto& theirs = f.state.instances_today.at("revert_bank");
  CHECK(mine.trades == 1);
  CHECK(mine.wins == 1);
  CHECK(theirs.losses == 1);
  CHECK(mine.realized_pnl_paise + theirs.realized_pnl_paise == f.state.today.realized_pnl_paise);
  CHECK(mine.charges_paise + theirs.charges_paise == f.state.today.charges_paise);
}

TEST_CASE("an entry beyond the instance's capital share is refused") {
  auto c = two_instances();
  // ₹5,000: two lots at ₹100 are ₹13,000.
  c.instances["revert_bank"].capital_paise = 5'000'00;
  test::engine_fixture f(c);
  f.calm_vix();
  CHECK(enter_filled(f, "revert_bank", call_b, "bar-1", 100'00).empty());
  CHECK(last_rejection(f) == "instance_funds");
  CHECK(!enter_filled(f, "trend_nifty", call_b, "bar-1", 100'00).empty());
}

TEST_CASE("the account's limits stop every instance") {
  auto c = two_instances();
  c.risk.max_positions = 1;
  test::engine_fixture f(c);
  f.calm_vix();
  REQUIRE(!enter_filled(f, "trend_nifty", call_a, "bar-1", 100'00).empty());
  CHECK(enter_filled(f, "revert_bank", call_b, "bar-1", 100'00).empty());
  CHECK(last_rejection(f) == "max_positions");
}
