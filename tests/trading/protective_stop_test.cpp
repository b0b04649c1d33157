// The protective stop resting at the broker ([exits] broker_stop): placed on the entry's fill,
// moved with the stop, and resolved before any exit is sent.
#include "tests/trading/engine_fixture.hpp"

using namespace strike;
namespace ev = strike::events;

namespace {

core::trading::trading_config with_broker_stop(bool limit = false) {
  core::trading::trading_config c;
  c.exits.broker_stop = true;
  c.exits.broker_stop_limit = limit;
  return c;
}

struct stop_fixture : test::engine_fixture {
  explicit stop_fixture(bool limit = false) : engine_fixture(with_broker_stop(limit)) {
    calm_vix();
  }

  const core::position_record& position() { return state.positions.at(test::option); }
  std::string stop_key() { return position().stop_order; }
  const core::order_record& stop() { return state.orders.at(stop_key()); }

  // Opens a position at price with its stop accepted at the broker.
  void open_protected(std::int64_t price) {
    open_position(price);
    REQUIRE_FALSE(stop_key().empty());
    accept(stop_key());
  }

  std::vector<ev::order_intent> exits() {
    std::vector<ev::order_intent> out;
    for (const auto& i : of_type<ev::order_intent>())
      if (i.purpose == ev::purpose::exit) out.push_back(i);
    return out;
  }
};

}  // namespace

TEST_CASE("a filled entry gets a stop-market order at the broker for the whole position") {
  stop_fixture f;
  f.open_position(10000);
  const auto& p = f.position();
  REQUIRE_FALSE(p.stop_order.empty());
  const auto& stop = f.stop();
  CHECK(stop.purpose == ev::purpose::stop);
  CHECK(stop.side == ev::side::sell);
  CHECK(stop.qty == p.qty);
  CHECK(stop.order_type == ev::order_type::stop_market);
  CHECK(stop.trigger_paise == p.stop_paise);
  CHECK(stop.trigger_paise == 8000);  // 20 % below the entry
  CHECK(stop.price_paise == 0);
  // It rests: the ladder never steps it.
  f.accept(f.stop_key());
  f.clock.advance_by(60'000'000'000);
  f.engine->on_time(f.clock.now_ns());
  CHECK(f.of_type<ev::order_modify_requested>().empty());
}

TEST_CASE("a stop-limit stop has its limit the configured distance beyond the trigger") {
  stop_fixture f(true);
  f.open_position(10000);
  CHECK(f.stop().order_type == ev::order_type::stop_limit);
  CHECK(f.stop().trigger_paise == 8000);
  CHECK(f.stop().price_paise == 7840);  // 2 % below, on the tick
}

TEST_CASE("the resting stop follows the trailing stop, one change at the broker at a time") {
  stop_fixture f;
  f.open_protected(10000);
  f.quote(test::option, 10300, 10295, 10300);  // 3 % up: the trail starts
  auto mods = f.of_type<ev::order_modify_requested>();
  REQUIRE(mods.size() == 1);
  CHECK(mods[0].order == f.stop_key());
  CHECK(mods[0].trigger_paise == f.position().stop_paise);
  CHECK(mods[0].order_type == ev::order_type::stop_market);
  CHECK(mods[0].qty == f.position().qty);
  const std::int64_t first = mods[0].trigger_paise;
  // The stop moves again while the first change is on its way: no second request yet.
  f.quote(test::option, 10600, 10595, 10600);
  CHECK(f.of_type<ev::order_modify_requested>().size() == 1);
  const std::int64_t latest = f.position().stop_paise;
  REQUIRE(latest > first);
  f.publish(ev::order_modified{f.stop_key(), ev::order_type::stop_market, 0, f.stop().qty, first});
  mods = f.of_type<ev::order_modify_requested>();
  REQUIRE(mods.size() == 2);
  CHECK(mods[1].trigger_paise == latest);
  f.publish(ev::order_modified{f.stop_key(), ev::order_type::stop_market, 0, f.stop().qty, latest});
  CHECK(f.stop().trigger_paise == latest);
  CHECK(f.of_type<ev::order_modify_requested>().size() == 2);
}

TEST_CASE("an exit cancels the resting stop first and sells only once the cancel is confirmed") {
  stop_fixture f;
  f.open_protected(10000);
  f.engine->exit_position(test::option, "signal");
  const auto cancels = f.of_type<ev::order_cancel_requested>();
  REQUIRE(cancels.size() == 1);
  CHECK(cancels[0].order == f.stop_key());
  CHECK(f.exits().empty());
  CHECK(f.position().exit_reason == "signal");
  // Asked again meanwhile (retries, a flatten): still one cancel, still no exit.
  f.engine->exit_position(test::option, "signal");
  f.clock.advance_by(5'000'000'000);
  f.engine->on_time(f.clock.now_ns());
  CHECK(f.of_type<ev::order_cancel_requested>().size() == 1);
  CHECK(f.exits().empty());
  f.cancelled(f.stop_key());
  const auto exits = f.exits();
  REQUIRE(exits.size() == 1);
  CHECK(exits[0].qty == f.position().qty);
  CHECK(exits[0].reason == "signal");
}

TEST_CASE("a stop that fills while its cancel is on its way leaves nothing to sell") {
  stop_fixture f;
  f.open_protected(10000);
  const auto stop = f.stop_key();
  f.engine->exit_position(test::option, "end_of_day");
  REQUIRE(f.of_type<ev::order_cancel_requested>().size() == 1);
  f.fill(stop, f.stop().qty, 7990);  // the market went through it first
  CHECK(f.state.positions.count(test::option) == 0);
  CHECK(f.of_type<ev::position_closed>().size() == 1);
  // The refused cancel changes nothing, and no exit is ever sent.
  f.publish(ev::order_outcome_unknown{stop, "cancel", "AB1013: order is complete"});
  f.clock.advance_by(60'000'000'000);
  f.engine->on_time(f.clock.now_ns());
  CHECK(f.exits().empty());
}

TEST_CASE("a stop that filled in part before its cancel: the exit sells only the rest") {
  stop_fixture f;
  f.open_protected(10000);
  const std::int64_t qty = f.position().qty;
  REQUIRE(qty >= 130);
  const auto stop = f.stop_key();
  f.engine->exit_position(test::option, "signal");
  f.fill(stop, 65, 7990);
  f.publish(ev::order_cancelled{stop, 65, "cancelled"}, {.key = stop + "/cancelled"});
  const auto exits = f.exits();
  REQUIRE(exits.size() == 1);
  CHECK(exits[0].qty == qty - 65);
  f.accept(exits[0].order);
  f.fill(exits[0].order, qty - 65, 9000);
  CHECK(f.state.positions.count(test::option) == 0);  // flat, never short
}

TEST_CASE("when the engine sees its stop hit, the resting stop has the grace to fill first") {
  stop_fixture f;
  f.open_protected(10000);
  f.quote(test::option, 7995, 7990, 8000);  // through the 80.00 stop
  REQUIRE(f.position().exit_reason == "stop_loss");
  CHECK(f.of_type<ev::order_cancel_requested>().empty());
  const std::int64_t grace = f.engine->config().exits.broker_stop_grace_ns;
  CHECK(f.engine->next_deadline() == f.position().exit_triggered_ns + grace);
  f.clock.advance_by(grace - 1);
  f.engine->on_time(f.clock.now_ns());
  CHECK(f.of_type<ev::order_cancel_requested>().empty());
  SUBCASE("it fills: nothing else is sent") {
    f.fill(f.stop_key(), f.stop().qty, 7990);
    CHECK(f.state.positions.count(test::option) == 0);
    f.clock.advance_by(grace);
    f.engine->on_time(f.clock.now_ns());
    CHECK(f.exits().empty());
    CHECK(f.of_type<ev::order_cancel_requested>().empty());
  }
  SUBCASE("it has not filled by the end of the grace: cancelled, then the ladder exits") {
    f.clock.advance_by(1);
    f.engine->on_time(f.clock.now_ns());
    REQUIRE(f.of_type<ev::order_cancel_requested>().size() == 1);
    CHECK(f.exits().empty());
    f.cancelled(f.stop_key());
    REQUIRE(f.exits().size() == 1);
    CHECK(f.exits()[0].reason == "stop_loss");
  }
}

TEST_CASE("more of the entry filling grows the resting stop's quantity") {
  stop_fixture f;
  f.quote(test::option, 10000, 9995, 10000);
  const auto entry = f.engine->enter(f.intent());
  f.accept(entry);
  const std::int64_t qty = f.state.orders.at(entry).qty;
  REQUIRE(qty >= 130);
  f.fill(entry, 65, 10000);
  REQUIRE(f.stop().qty == 65);
  f.accept(f.stop_key());
  f.fill(entry, qty - 65, 10000);
  const auto mods = f.of_type<ev::order_modify_requested>();
  REQUIRE(mods.size() == 1);
  CHECK(mods[0].order == f.stop_key());
  CHECK(mods[0].qty == qty);
}

TEST_CASE("a daemon stopping not flat cancels its other orders but leaves the stop resting") {
  stop_fixture f;
  f.open_protected(10000);
  f.quote(test::option, 9000, 8990, 9010);
  f.engine->cancel_all_orders("shutdown");
  CHECK(f.of_type<ev::order_cancel_requested>().empty());
  CHECK_FALSE(core::is_terminal(f.stop().status));
}

TEST_CASE("a stop refused by the broker is placed again, a few times at most") {
  stop_fixture f;
  f.open_position(10000);
  for (int i = 0; i < 5; ++i) {
    const auto key = f.stop_key();
    if (core::is_terminal(f.stop().status)) break;
    f.publish(ev::order_rejected{key, "rejected", "trigger price invalid"},
              {.key = key + "/rejected"});
  }
  std::size_t stops = 0;
  for (const auto& i : f.of_type<ev::order_intent>()) stops += i.purpose == ev::purpose::stop;
  CHECK(stops == 3);
  CHECK(f.position().stop_attempts == 3);
}
