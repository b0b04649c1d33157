#include <doctest/doctest.h>

#include "core/state_codec.hpp"
#include "daemon/recovery.hpp"
#include "tests/trading/engine_fixture.hpp"

using namespace strike;
namespace ev = strike::events;
using test::option;

TEST_CASE("an entry journals intent, risk approval and a limit order at the ask") {
  test::engine_fixture f;
  f.calm_vix();
  f.quote(option, 10000, 9995, 10010);
  const auto key = f.engine->enter(f.intent());
  REQUIRE(key.size() == 16);
  const auto events = f.events();
  const auto& intent = std::get<ev::order_intent>(events[events.size() - 3].body);
  CHECK(events[events.size() - 3].env.key == key);
  CHECK(intent.ref_price_paise == 10010);
  CHECK(intent.qty == 130);
  CHECK(std::get<ev::risk_approved>(events[events.size() - 2].body).lots == 2);
  const auto& sent = std::get<ev::order_submitted>(events.back().body);
  CHECK(sent.order_type == ev::order_type::limit);
  CHECK(sent.price_paise == 10010);
  CHECK(sent.qty == 130);
  CHECK(f.state.orders.at(key).status == core::order_status::submitted);
}

TEST_CASE("the same decision entered twice produces one order") {
  test::engine_fixture f;
  f.calm_vix();
  f.quote(option, 10000, 9995, 10000);
  CHECK_FALSE(f.engine->enter(f.intent("bar-7")).empty());
  CHECK(f.engine->enter(f.intent("bar-7")).empty());
  CHECK(f.of_type<ev::order_intent>().size() == 1);
  CHECK(f.bus->stats().duplicates_dropped == 1);
}

TEST_CASE("a refused entry journals the failing check and sends nothing") {
  test::engine_fixture f;
  f.calm_vix();
  f.quote(option, 10000, 9995, 10000);
  f.publish(ev::entry_window_changed{"2026-01-06", false});
  const auto key = f.engine->enter(f.intent());
  CHECK(f.state.orders.at(key).status == core::order_status::risk_rejected);
  CHECK(f.of_type<ev::risk_rejected>().back().check == "entry_window");
  CHECK(f.of_type<ev::order_submitted>().empty());
}

TEST_CASE("the ladder steps a working entry each wait, then cancels it") {
  test::engine_fixture f;
  f.calm_vix();
  f.quote(option, 10000, 9995, 10000);
  const auto key = f.engine->enter(f.intent());
  f.accept(key);
  const auto wait = f.engine->config().ladder.step_wait_ns;
  CHECK(f.engine->next_deadline() == f.state.orders.at(key).step_ns + wait);
  f.clock.advance_by(wait - 1);
  f.engine->on_time(f.clock.now_ns());
  CHECK(f.of_type<ev::order_modify_requested>().empty());

  const std::int64_t expected[] = {10025, 10050, 10075, 10100};
  for (int step = 1; step <= 4; ++step) {
    f.clock.advance_by(wait);
    f.engine->on_time(f.clock.now_ns());
    // A step is not repeated while its modify is unconfirmed.
    f.engine->on_time(f.clock.now_ns() + 10 * wait);
    const auto mods = f.of_type<ev::order_modify_requested>();
    REQUIRE(mods.size() == static_cast<std::size_t>(step));
    CHECK(mods.back().step == step);
    CHECK(mods.back().price_paise == expected[step - 1]);
    f.modified(key, ev::order_type::limit, mods.back().price_paise);
  }
  f.clock.advance_by(wait);
  f.engine->on_time(f.clock.now_ns());
  REQUIRE(f.of_type<ev::order_cancel_requested>().size() == 1);
  CHECK(f.of_type<ev::order_cancel_requested>()[0].reason == "ladder_exhausted");
}

TEST_CASE("a partial fill mid-ladder carries over: the ladder keeps the full quantity") {
  test::engine_fixture f;
  f.calm_vix();
  f.quote(option, 10000, 9995, 10000);
  const auto key = f.engine->enter(f.intent());
  f.accept(key);
  f.fill(key, 65, 10000);
  CHECK(f.state.orders.at(key).status == core::order_status::partially_filled);
  CHECK(f.state.positions.at(option).qty == 65);
  f.clock.advance_by(f.engine->config().ladder.step_wait_ns);
  f.engine->on_time(f.clock.now_ns());
  const auto mod = f.of_type<ev::order_modify_requested>().at(0);
  CHECK(mod.qty == 130);
  CHECK(mod.price_paise == 10025);
  f.modified(key, ev::order_type::limit, 10025);
  f.fill(key, 65, 10025);
  CHECK(f.state.orders.at(key).status == core::order_status::filled);
  CHECK(f.state.positions.at(option).qty == 130);
  CHECK(f.engine->next_deadline() == 0);
}

TEST_CASE(
    "a fill that beats the flatten's cancel opens the position, which the flatten then exits") {
  test::engine_fixture f;
  f.calm_vix();
  f.quote(option, 10000, 9995, 10000);
  const auto key = f.engine->enter(f.intent());
  f.accept(key);
  f.publish(ev::trading_halted{"operator", "manual", true, "closing everything"});
  REQUIRE(f.of_type<ev::order_cancel_requested>().size() == 1);
  CHECK(f.state.risk.flatten_reason == "operator");
  f.fill(key, 130, 10000);  // the exchange filled it before the cancel arrived
  CHECK(f.state.orders.at(key).status == core::order_status::filled);
  CHECK(f.of_type<ev::position_opened>().size() == 1);
  // The flatten is still in progress: the new position goes out without being asked again.
  const auto exits = f.of_type<ev::order_intent>();
  REQUIRE(exits.size() == 2);
  CHECK(exits[1].purpose == ev::purpose::exit);
  CHECK(exits[1].qty == 130);
  CHECK(exits[1].reason == "operator");
  f.accept(exits[1].order);
  f.fill(exits[1].order, 130, 10000);
  const auto done = f.of_type<ev::flatten_completed>();
  REQUIRE(done.size() == 1);
  CHECK(done[0].flat);
  CHECK(done[0].reason == "operator");
  CHECK_FALSE(f.state.risk.flattening());
}

TEST_CASE(
    "an entry still being placed when a flatten starts is cancelled once the broker accepts it") {
  test::engine_fixture f;
  f.calm_vix();
  f.quote(option, 10000, 9995, 10000);
  const auto key = f.engine->enter(f.intent());
  REQUIRE(f.state.orders.at(key).status == core::order_status::submitted);
  f.publish(ev::end_of_day_exit{"2026-01-06", 0});
  REQUIRE(f.of_type<ev::order_cancel_requested>().size() == 1);
  // The place request was in flight; the executor could not cancel without the broker's id and
  // reported that, which leaves nothing pending.
  f.publish(ev::order_outcome_unknown{key, "cancel", "the order has no broker id yet"});
  REQUIRE(f.state.orders.at(key).pending == core::order_pending::none);
  f.accept(key);
  const auto cancels = f.of_type<ev::order_cancel_requested>();
  REQUIRE(cancels.size() == 2);
  CHECK(cancels[1].order == key);
  CHECK(cancels[1].reason == "end_of_day");
  f.cancelled(key);
  CHECK(f.of_type<ev::flatten_completed>().size() == 1);
}

TEST_CASE("a flatten cut short by a restart goes on after it") {
  test::engine_fixture f;
  f.calm_vix();
  f.open_position(10000);
  // VIX tripped and the process died before the engine reacted: the trip is the journal's
  // last line.
  ev::event trip{{f.journal->last_seq() + 1, f.clock.now_ns(), "", 0, ""},
                 ev::vix_breaker_tripped{26.0, "level", 25.0, 0}};
  REQUIRE(f.journal->append(trip).ok());
  REQUIRE(f.journal->sync().ok());
  auto recovered = daemon::recover(f.dir.path(), {});
  REQUIRE(recovered.ok());
  CHECK(recovered->state.risk.flatten_reason == "vix");
  CHECK(recovered->state.positions.at(option).exit_order.empty());

  core::state state = recovered->state;
  auto j = storage::journal::open({f.dir.path(), storage::durability::none}, state.last_seq);
  REQUIRE(j.ok());
  core::bus bus(**j, f.clock, state.keys);
  bus.fold_with([&](const ev::event& e) { core::apply(state, e); });
  core::trading::trading_engine engine(bus, state, f.clock, {});
  engine.attach();
  engine.resume();
  const auto& p = state.positions.at(option);
  REQUIRE_FALSE(p.exit_order.empty());
  CHECK(state.orders.at(p.exit_order).reason == "vix");
}

TEST_CASE(
    "a stop loss exits through a sell ladder and the closed position's P&L is net of charges") {
  test::engine_fixture f;
  f.calm_vix();
  const auto entry = f.open_position(10000);
  const auto opened = f.of_type<ev::position_opened>().at(0);
  CHECK(opened.stop_paise == 8000);
  f.quote(option, 8100, 8100, 8105);
  CHECK(f.of_type<ev::position_exit_triggered>().empty());
  f.quote(option, 8000, 7995, 8005);  // the bid is through the stop
  const auto trig = f.of_type<ev::position_exit_triggered>();
  REQUIRE(trig.size() == 1);
  CHECK(trig[0].reason == "stop_loss");
  const auto exit_key = f.last_order();
  const auto& exit_order = f.state.orders.at(exit_key);
  CHECK(exit_order.purpose == ev::purpose::exit);
  CHECK(exit_order.side == ev::side::sell);
  CHECK(exit_order.ref_price_paise == 7995);
  // Another tick while exiting does not start a second exit.
  f.quote(option, 7900, 7895, 7905);
  CHECK(f.of_type<ev::order_intent>().size() == 2);

  f.accept(exit_key);
  f.publish(ev::order_filled{exit_key, "X1", 130, 7995, 130, 0, 1500, "stream"},
            {.key = exit_key + "/X1"});
  const auto closed = f.of_type<ev::position_closed>();
  REQUIRE(closed.size() == 1);
  CHECK(closed[0].gross_pnl_paise == 130 * (7995 - 10000));
  CHECK(closed[0].charges_paise == 1500);
  CHECK(closed[0].net_pnl_paise == 130 * (7995 - 10000) - 1500);
  CHECK(f.state.positions.empty());
  CHECK(f.state.today.consecutive_losses == 1);
  (void)entry;
}

TEST_CASE("an exhausted exit ladder crosses at market") {
  test::engine_fixture f;
  f.calm_vix();
  const auto key = f.accepted_exit(10000);
  const auto wait = f.engine->config().ladder.step_wait_ns;
  for (int step = 1; step <= 4; ++step) {
    f.clock.advance_by(wait);
    f.engine->on_time(f.clock.now_ns());
    f.modified(key, ev::order_type::limit,
               f.of_type<ev::order_modify_requested>().back().price_paise);
  }
  f.clock.advance_by(wait);
  f.engine->on_time(f.clock.now_ns());
  const auto mods = f.of_type<ev::order_modify_requested>();
  REQUIRE(mods.size() == 5);
  CHECK(mods.back().order_type == ev::order_type::market);
  CHECK(mods.back().price_paise == 0);
}

TEST_CASE("VIX tripping exits open positions and blocks entries") {
  test::engine_fixture f;
  f.calm_vix();
  f.open_position(10000);
  f.quote(test::vix, 2600);  // VIX 26.00: over the level
  const auto trips = f.of_type<ev::vix_breaker_tripped>();
  REQUIRE(trips.size() == 1);
  CHECK(trips[0].trigger == "level");
  CHECK(f.state.risk.vix_tripped);
  const auto exits = f.of_type<ev::position_exit_triggered>();
  REQUIRE(exits.size() == 1);
  CHECK(exits[0].reason == "vix");
}

TEST_CASE("VIX tripping cancels a working entry ladder") {
  test::engine_fixture f;
  f.calm_vix();
  f.quote(option, 10000, 9995, 10000);
  const auto key = f.engine->enter(f.intent());
  f.accept(key);
  f.clock.advance_by(f.engine->config().ladder.step_wait_ns);
  f.engine->on_time(f.clock.now_ns());
  REQUIRE(f.of_type<ev::order_modify_requested>().size() == 1);
  f.quote(test::vix, 1300);
  f.quote(test::vix, 1600);  // +23 % jump
  REQUIRE(f.of_type<ev::vix_breaker_tripped>().size() == 1);
  const auto cancels = f.of_type<ev::order_cancel_requested>();
  REQUIRE(cancels.size() == 1);
  CHECK(cancels[0].order == key);
  CHECK(cancels[0].reason == "vix");
  f.cancelled(key);
  CHECK(f.of_type<ev::flatten_completed>().size() == 1);
  // New entries are refused until the breaker resets.
  f.quote(option, 10000, 9995, 10000);
  CHECK(f.state.orders.at(f.engine->enter(f.intent("bar-9"))).status ==
        core::order_status::risk_rejected);
}

TEST_CASE("the daily loss limit reached by unrealized loss halts and flattens") {
  core::trading::trading_config config;
  config.risk.capital_paise = 1'00'000'00;  // ₹1 lakh: the limit is -₹2,000
  test::engine_fixture f(config);
  f.calm_vix();
  f.open_position(10000);             // 130 units at ₹100
  f.quote(option, 8470, 8465, 8475);  // 130 × -₹15.30 = -₹1,989
  CHECK_FALSE(f.state.risk.halted);
  f.quote(option, 8460, 8455, 8465);  // 130 × -₹15.40 = -₹2,002
  REQUIRE(f.state.risk.halted);
  CHECK(f.state.risk.halt_reason == "daily_loss");
  CHECK(f.state.risk.halt_scope == "day");
  CHECK(f.of_type<ev::position_exit_triggered>().at(0).reason == "daily_loss");
  // The halt lifts at the next session.
  f.open_session("2026-01-07");
  CHECK_FALSE(f.state.risk.halted);
}

TEST_CASE("three losing trades in a row halt entries for the day") {
  test::engine_fixture f;
  f.calm_vix();
  for (int i = 0; i < 3; ++i) {
    f.open_position(10000, "bar-" + std::to_string(i));
    f.engine->exit_position(option, "signal");
    const auto key = f.last_order();
    f.accept(key);
    f.fill(key, 130, 9900);
    CHECK(f.state.today.consecutive_losses == i + 1);
    // Not one loss early: the close just journaled is counted once.
    CHECK(f.state.risk.halted == (i == 2));
  }
  REQUIRE(f.state.risk.halted);
  CHECK(f.state.risk.halt_reason == "consecutive_losses");
  CHECK(f.of_type<ev::trading_halted>().back().detail == "3 losing trades in a row");
  f.quote(option, 10000, 9995, 10000);
  CHECK(f.state.orders.at(f.engine->enter(f.intent("bar-9"))).status ==
        core::order_status::risk_rejected);
}

TEST_CASE("the end-of-day exit flattens and completes once nothing is open") {
  test::engine_fixture f;
  f.calm_vix();
  f.open_position(10000);
  f.publish(ev::end_of_day_exit{"2026-01-06", 1});
  const auto key = f.last_order();
  CHECK(f.state.orders.at(key).reason == "end_of_day");
  f.accept(key);
  f.fill(key, 130, 10100);
  const auto done = f.of_type<ev::flatten_completed>();
  REQUIRE(done.size() == 1);
  CHECK(done[0].reason == "end_of_day");
  CHECK(done[0].flat);
  CHECK(done[0].positions_closed == 1);
}

TEST_CASE("the kill switch halts entries until an operator resumes, and survives a restart") {
  test::engine_fixture f;
  f.calm_vix();
  f.engine->kill_switch("SIGUSR1");
  CHECK(f.state.risk.halted);
  CHECK(f.state.risk.halt_scope == "manual");
  f.open_session("2026-01-07");
  CHECK(f.state.risk.halted);  // a manual halt does not lift with a new day
  REQUIRE(f.journal->sync().ok());
  auto replayed = daemon::recover(f.dir.path(), {});
  REQUIRE(replayed.ok());
  CHECK(replayed->state.risk.halted);
  CHECK(replayed->state.risk.halt_reason == "kill_switch");
  f.engine->resume_trading("operator");
  CHECK_FALSE(f.state.risk.halted);
}

TEST_CASE("the trailing stop is journaled as it ratchets and exits on the pullback") {
  test::engine_fixture f;
  f.calm_vix();
  f.open_position(10000);
  f.quote(option, 10200, 10195, 10205);
  f.quote(option, 10400, 10395, 10405);
  f.quote(option, 10300, 10295, 10305);
  const auto adj = f.of_type<ev::stop_adjusted>();
  REQUIRE(adj.size() == 2);
  CHECK(adj[0].reason == "trail_activated");
  CHECK(adj[1].stop_paise == 10240);
  CHECK(f.state.positions.at(option).stop_paise == 10240);
  f.quote(option, 10240, 10235, 10245);
  CHECK(f.of_type<ev::position_exit_triggered>().at(0).reason == "trailing_stop");
}

TEST_CASE("after a restart the engine finishes an exit cut short by a crash") {
  test::engine_fixture f;
  f.calm_vix();
  f.open_position(10000);
  // The trigger was journaled, then the process died before the exit order.
  f.publish(ev::position_exit_triggered{option, "stop_loss", 7990, 130});
  REQUIRE(f.journal->sync().ok());
  auto recovered = daemon::recover(f.dir.path(), {});
  REQUIRE(recovered.ok());

  core::state state = recovered->state;
  auto j = storage::journal::open({f.dir.path(), storage::durability::none}, state.last_seq);
  REQUIRE(j.ok());
  core::bus bus(**j, f.clock, state.keys);
  bus.fold_with([&](const ev::event& e) { core::apply(state, e); });
  core::trading::trading_engine engine(bus, state, f.clock, {});
  engine.attach();
  engine.resume();
  const auto& p = state.positions.at(option);
  REQUIRE_FALSE(p.exit_order.empty());
  CHECK(state.orders.at(p.exit_order).purpose == ev::purpose::exit);
  CHECK(state.orders.at(p.exit_order).status == core::order_status::submitted);
  engine.resume();  // a second resume does not double it
  CHECK(state.positions.at(option).exit_attempts == 1);
}
