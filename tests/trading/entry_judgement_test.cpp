// What an entry is judged on: current quotes of the option and of what is held, and a state
// that holds every decision published before it — in the same delivery, or weeks ago.
#include <doctest/doctest.h>

#include "tests/trading/engine_fixture.hpp"

using namespace strike;
namespace ev = strike::events;
using test::option;

TEST_CASE("entries wait for a current quote of the option, and for current marks of what is held") {
  core::trading::trading_config config;
  config.risk.max_positions = 2;
  test::engine_fixture f(config);
  f.calm_vix();
  f.quote(option, 10000, 9995, 10000);
  // A minute and a second without a quote of the option: its price is not acted on.
  f.clock.advance_to(f.clock.now_ns() + 61 * core::ns_per_s);
  f.calm_vix();
  const auto stale = f.engine->enter(f.intent("bar-1"));
  CHECK(f.state.orders.at(stale).status == core::order_status::risk_rejected);
  CHECK(f.of_type<ev::risk_rejected>().back().check == "stale_quote");
  CHECK(f.of_type<ev::risk_rejected>().back().reason.find("61 s old") != std::string::npos);

  // Fresh again: the entry goes out and fills.
  f.quote(option, 10000, 9995, 10000);
  const auto first = f.engine->enter(f.intent("bar-2"));
  REQUIRE(f.state.orders.at(first).status != core::order_status::risk_rejected);
  f.accept(first);
  f.fill(first, f.state.orders.at(first).qty, 10000);
  REQUIRE(f.state.positions.count(option) == 1);

  // The option held goes quiet while another is quoted: today's P&L is not current, so no
  // second entry; a quote of the held option lifts that.
  const std::string other = "NFO:58786";
  f.clock.advance_to(f.clock.now_ns() + 90 * core::ns_per_s);
  f.calm_vix();
  f.quote(other, 8000, 7995, 8000);
  auto second = f.intent("bar-3");
  second.instrument = other;
  const auto refused = f.engine->enter(second);
  CHECK(f.state.orders.at(refused).status == core::order_status::risk_rejected);
  CHECK(f.of_type<ev::risk_rejected>().back().check == "stale_mark");
  CHECK(f.of_type<ev::risk_rejected>().back().reason.find(option + " was last quoted 90 s ago") !=
        std::string::npos);
  f.quote(option, 10100, 10095, 10100);
  second.basis = "bar-4";
  const auto approved = f.engine->enter(second);
  CHECK(f.state.orders.at(approved).status != core::order_status::risk_rejected);
}

TEST_CASE("two entries decided in one delivery are judged on a state that holds the first") {
  // Two strategies answer the same event; the second must see the first's approved order, not
  // a state that lags behind what the bus has journaled.
  core::trading::trading_config config;
  config.risk.max_positions = 1;
  test::engine_fixture f(config);
  f.calm_vix();
  const std::string other = "NFO:58786";
  f.quote(option, 10000, 9995, 10000);
  f.quote(other, 8000, 7995, 8000);
  std::vector<std::string> keys;
  const auto decide = [&](const std::string& instrument) {
    return [&, instrument](const ev::event&, const ev::signal_raised&) {
      auto in = f.intent("bar-7");
      in.instrument = instrument;
      keys.push_back(f.engine->enter(in));
    };
  };
  f.bus->subscribe<ev::signal_raised>("first", decide(option));
  f.bus->subscribe<ev::signal_raised>("second", decide(other));
  f.publish(ev::signal_raised{"trend", "NSE:99926000", ev::signal_action::enter_long, "r", 1});

  REQUIRE(keys.size() == 2);
  CHECK(f.state.orders.at(keys[0]).status == core::order_status::submitted);
  CHECK(f.state.orders.at(keys[1]).status == core::order_status::risk_rejected);
  const auto rejected = f.of_type<ev::risk_rejected>();
  REQUIRE(rejected.size() == 1);
  CHECK(rejected[0].check == "max_positions");
  CHECK(f.of_type<ev::order_submitted>().size() == 1);
}

TEST_CASE("an entry is judged on the state alone, after the orders of weeks ago are forgotten") {
  // A quiet stretch longer than the state keeps finished orders: what was approved before it
  // must not count against max_positions after it.
  core::trading::trading_config config;
  config.risk.max_positions = 1;
  test::engine_fixture f(config);
  f.calm_vix();
  const auto first = f.open_position(10000, "bar-1");
  f.engine->exit_position(option, "signal");
  const auto exit = f.last_order();
  f.accept(exit);
  f.fill(exit, f.state.orders.at(exit).qty, 10100);
  REQUIRE(f.state.positions.count(option) == 0);

  f.clock.advance_by(core::idempotency_keys::retention_ns + core::ns_per_day);
  f.open_session("2026-01-15", 5);
  REQUIRE(f.state.orders.count(first) == 0);  // forgotten with the session's pruning
  f.calm_vix();
  f.quote(option, 10000, 9995, 10000);
  const auto next = f.engine->enter(f.intent("bar-2"));
  CHECK(f.state.orders.at(next).status == core::order_status::submitted);
}
