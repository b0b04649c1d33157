// The order executor against the paper broker: real bus, journal, engine and broker.
#include <doctest/doctest.h>

#include <boost/asio/io_context.hpp>

#include "daemon/recovery.hpp"
#include "tests/daemon/executor_fixture.hpp"

using namespace strike;
namespace ev = strike::events;
using test::executor_fixture;
using test::option;

TEST_CASE("an entry is sent once durable, accepted, filled with charges, and opens the position") {
  executor_fixture f;
  f.calm_vix();
  f.market(option, 10000, 9995, 10000);
  const auto key = f.engine->enter(f.intent());
  f.settle();
  const auto& o = f.state.orders.at(key);
  CHECK(o.status == core::order_status::filled);
  CHECK(o.broker_id.rfind("P", 0) == 0);
  const auto fills = f.of_type<ev::order_filled>();
  REQUIRE(fills.size() == 1);
  CHECK(fills[0].qty == 130);
  CHECK(fills[0].price_paise == 10000);
  CHECK(fills[0].source == "paper");
  CHECK(fills[0].charges_paise ==
        core::trading::charges_for_fill({}, ev::side::buy, 130, 10000, true).total());
  CHECK(f.of_type<ev::position_opened>().size() == 1);
  // The acceptance is journaled before the fill.
  const auto events = f.events();
  std::size_t accepted_at = 0, filled_at = 0;
  for (std::size_t i = 0; i < events.size(); ++i) {
    if (std::holds_alternative<ev::order_accepted>(events[i].body)) accepted_at = i;
    if (std::holds_alternative<ev::order_filled>(events[i].body)) filled_at = i;
  }
  CHECK(accepted_at < filled_at);
}

TEST_CASE("a resting entry is laddered through the broker and fills when the market comes") {
  executor_fixture f;
  f.calm_vix();
  f.market(option, 10000, 9995, 10000);
  const auto key = f.engine->enter(f.intent());
  f.market(option, 10100, 10095, 10100);  // the market moved away before the order arrived
  f.settle();
  CHECK(f.state.orders.at(key).status == core::order_status::accepted);
  f.clock.advance_by(f.engine->config().ladder.step_wait_ns);
  f.engine->on_time(f.clock.now_ns());
  f.settle();
  CHECK(f.state.orders.at(key).price_paise == 10025);
  CHECK(f.paper->book().find_by_tag(key)->price_paise == 10025);
  f.market(option, 10020, 10015, 10025);
  f.settle();
  CHECK(f.state.orders.at(key).status == core::order_status::filled);
  CHECK(f.state.positions.at(option).cost_paise == 130 * 10025);
}

TEST_CASE("an order left submitted by a restart is looked up by its tag and sent once") {
  executor_fixture f;
  f.calm_vix();
  f.market(option, 10000, 9995, 10000);
  const auto key = f.engine->enter(f.intent());
  // The process dies before the executor ran: nothing reached the broker.
  REQUIRE(f.journal->sync().ok());
  auto recovered = daemon::recover(f.dir.path(), {});
  REQUIRE(recovered.ok());
  CHECK(recovered->state.orders.at(key).status == core::order_status::submitted);

  executor_fixture g;  // a fresh daemon on the recovered journal
  g.journal.reset();
  g.bus.reset();
  g.engine.reset();
  g.state = recovered->state;
  auto j = storage::journal::open({f.dir.path(), storage::durability::none}, g.state.last_seq);
  REQUIRE(j.ok());
  g.journal = std::move(*j);
  g.bus = std::make_unique<core::bus>(*g.journal, g.clock, g.state.keys);
  g.bus->fold_with([&](const ev::event& e) { core::apply(g.state, e); });
  g.start();
  g.paper->restore(g.state);
  g.executor->resume();
  g.settle();
  const auto& o = g.state.orders.at(key);
  CHECK(o.status == core::order_status::accepted);
  CHECK(o.attempts == 2);  // the lookup proved the first send never arrived
  CHECK(g.paper->book().orders().size() == 1);
  // Resuming again finds it by its tag and sends nothing more.
  g.executor->resume();
  g.settle();
  CHECK(g.paper->book().orders().size() == 1);
}

TEST_CASE("a cancel confirmed by the broker is journaled with the quantity filled before it") {
  executor_fixture f;
  f.calm_vix();
  f.market(option, 10000, 9995, 10000);
  const auto key = f.engine->enter(f.intent());
  f.market(option, 10100, 10095, 10100);  // gone before the order arrives: it rests
  f.settle();
  REQUIRE(f.state.orders.at(key).status == core::order_status::accepted);
  f.publish(ev::trading_halted{"operator", "manual", true, "closing everything"});
  f.settle();
  CHECK(f.state.orders.at(key).status == core::order_status::cancelled);
  CHECK(f.of_type<ev::order_cancelled>().at(0).filled_qty == 0);
  CHECK(f.of_type<ev::flatten_completed>().size() == 1);
}

TEST_CASE("an entry cancelled by a flatten before its send was durable is never sent") {
  executor_fixture f;
  f.calm_vix();
  f.market(option, 10000, 9995, 10000);
  const auto key = f.engine->enter(f.intent());
  f.publish(ev::end_of_day_exit{"2026-01-06", 0});  // before the reactor ran the send
  f.settle();
  CHECK(f.paper->book().orders().empty());
  CHECK(f.state.orders.at(key).status == core::order_status::cancelled);
  CHECK(f.of_type<ev::flatten_completed>().size() == 1);
}

TEST_CASE("a request prepared ahead holds only while the order's terms are those it was built on") {
  core::order_record o;
  o.instrument = option;
  o.side = ev::side::buy;
  o.order_type = ev::order_type::limit;
  o.qty = 65;
  o.price_paise = 10'000;
  const auto prepared = daemon::order_request_for(o, "key-1", brokers::product::carryforward);
  CHECK(daemon::same_terms(prepared, o));
  auto moved = o;
  moved.price_paise = 10'005;
  CHECK_FALSE(daemon::same_terms(prepared, moved));
  moved = o;
  moved.qty = 130;
  CHECK_FALSE(daemon::same_terms(prepared, moved));
  // A market order goes without a price, whatever price its record keeps.
  moved = o;
  moved.order_type = ev::order_type::market;
  const auto market = daemon::order_request_for(moved, "key-1", brokers::product::carryforward);
  CHECK(market.price_paise == 0);
  CHECK(daemon::same_terms(market, moved));
  CHECK_FALSE(daemon::same_terms(prepared, moved));
}
