// Exits that the broker refuses: retried after a growing wait, each time re-priced from the
// market, and never given up; entries halt once they keep failing.
#include <doctest/doctest.h>

#include "tests/trading/engine_fixture.hpp"

using namespace strike;
namespace ev = strike::events;
using test::option;

namespace {
void reject(test::engine_fixture& f, const std::string& key) {
  f.publish(ev::order_rejected{key, "rejected", "RMS: price band"}, {.key = key + "/rejected"});
}
}  // namespace

TEST_CASE(
    "a rejected exit is retried after a doubling wait at the current price, halts entries at the "
    "limit, and still exits") {
  test::engine_fixture f;
  f.calm_vix();
  f.open_position(10000);
  f.engine->exit_position(option, "signal");
  std::vector<std::string> exits{f.last_order()};
  std::int64_t bid = 9900;
  for (int attempt = 1; attempt <= 6; ++attempt) {
    const auto& key = exits.back();
    reject(f, key);
    // Not again at once, however many rejections: the broker is not hammered.
    CHECK(f.last_order() == key);
    const std::int64_t wait =
        std::min<std::int64_t>(1'000'000'000LL << (attempt - 1), 30'000'000'000LL);
    CHECK(f.engine->next_deadline() == f.clock.now_ns() + wait);
    bid -= 50;
    f.quote(option, bid + 5, bid, bid + 10);
    f.clock.advance_by(wait - 1);
    f.engine->on_time(f.clock.now_ns());
    CHECK(f.last_order() == key);
    f.clock.advance_by(1);
    f.engine->on_time(f.clock.now_ns());
    REQUIRE(f.last_order() != key);
    exits.push_back(f.last_order());
    const auto& retry = f.state.orders.at(exits.back());
    CHECK(retry.purpose == ev::purpose::exit);
    CHECK(retry.qty == 130);
    CHECK(retry.ref_price_paise == bid);  // re-priced from the market now
    CHECK(f.state.risk.halted_for("exit_failed") == (attempt >= 5));
  }
  CHECK(f.of_type<ev::trading_halted>().size() == 1);
  CHECK(f.state.risk.halt_scope == "manual");
  f.accept(exits.back());
  f.fill(exits.back(), 130, bid);
  CHECK(f.state.positions.empty());
  CHECK(f.of_type<ev::position_closed>().size() == 1);
  // The halt stays until a person lifts it.
  f.open_session("2026-01-07");
  CHECK(f.state.risk.halted_for("exit_failed"));
}

TEST_CASE("the end-of-day exit of a position whose exit keeps failing is not refused") {
  test::engine_fixture f;
  f.calm_vix();
  f.open_position(10000);
  for (int i = 0; i < 7; ++i) {
    f.engine->exit_position(option, "signal");
    reject(f, f.last_order());
    f.clock.advance_by(31'000'000'000);
  }
  f.publish(ev::end_of_day_exit{"2026-01-06", 1});
  const auto key = f.last_order();
  REQUIRE(f.state.orders.at(key).status == core::order_status::submitted);
  f.accept(key);
  f.fill(key, 130, 9900);
  CHECK(f.state.positions.empty());
  CHECK(f.of_type<ev::flatten_completed>().size() == 1);
}

TEST_CASE("while the broker's order breaker is open the ladder does not step") {
  test::engine_fixture f;
  f.calm_vix();
  f.accepted_exit(10000);
  f.publish(ev::broker_breaker_changed{"orders", ev::breaker_state::open, 5});
  f.clock.advance_by(f.engine->config().ladder.exit_step_wait_ns * 3);
  f.engine->on_time(f.clock.now_ns());
  CHECK(f.of_type<ev::order_modify_requested>().empty());
  f.publish(ev::broker_breaker_changed{"orders", ev::breaker_state::half_open, 5});
  f.engine->on_time(f.clock.now_ns());
  CHECK(f.of_type<ev::order_modify_requested>().size() == 1);
}

TEST_CASE("each modify the broker refuses doubles the ladder's wait, and one it takes resets it") {
  test::engine_fixture f;
  f.calm_vix();
  const auto key = f.accepted_exit(10000);
  const std::int64_t wait = f.engine->config().ladder.exit_step_wait_ns;
  // The broker calls the order complete while its books cannot be read: every modify is refused.
  for (std::int64_t refusals = 0; refusals < 8; ++refusals) {
    const std::int64_t due = wait << std::min<std::int64_t>(refusals, 6);
    const auto before = f.of_type<ev::order_modify_requested>().size();
    f.clock.advance_by(due - 1);
    f.engine->on_time(f.clock.now_ns());
    REQUIRE(f.of_type<ev::order_modify_requested>().size() == before);
    CHECK(f.engine->next_deadline() == f.clock.now_ns() + 1);
    f.clock.advance_by(1);
    f.engine->on_time(f.clock.now_ns());
    REQUIRE(f.of_type<ev::order_modify_requested>().size() == before + 1);
    f.publish(ev::order_outcome_unknown{key, "modify", "AB1013: order is complete"});
    CHECK(f.state.orders.at(key).refusals == refusals + 1);
  }
  f.clock.advance_by(wait * 64);
  f.engine->on_time(f.clock.now_ns());
  f.modified(key, ev::order_type::limit,
             f.of_type<ev::order_modify_requested>().back().price_paise);
  CHECK(f.state.orders.at(key).refusals == 0);
  const auto before = f.of_type<ev::order_modify_requested>().size();
  f.clock.advance_by(wait);
  f.engine->on_time(f.clock.now_ns());
  CHECK(f.of_type<ev::order_modify_requested>().size() == before + 1);
}

TEST_CASE("a stop-loss exit chases a falling bid, re-priced from the live quote every step") {
  test::engine_fixture f;
  f.calm_vix();
  f.open_position(17700);  // stop at ₹141.60
  f.quote(option, 14160, 14155, 14165);
  const auto key = f.last_order();
  REQUIRE(f.state.orders.at(key).purpose == ev::purpose::exit);
  // Through the live bid by the 1 % protection: it fills at the bid unless the market falls
  // further while the order travels.
  CHECK(f.state.orders.at(key).price_paise == 14015);
  f.accept(key);
  std::int64_t bid = 14155;
  for (int step = 1; step <= 4; ++step) {
    bid -= 350;  // ₹3.50 a second
    f.quote(option, bid + 5, bid, bid + 10);
    f.clock.advance_by(f.engine->config().ladder.exit_step_wait_ns);
    f.engine->on_time(f.clock.now_ns());
    const auto mods = f.of_type<ev::order_modify_requested>();
    REQUIRE(mods.size() == static_cast<std::size_t>(step));
    CHECK(mods.back().price_paise <= bid - bid / 100);          // through the bid: it can fill now
    CHECK(mods.back().price_paise >= bid - bid * 2 / 100 - 5);  // at most the step's 1 % more
    f.modified(key, ev::order_type::limit, mods.back().price_paise);
  }
}

TEST_CASE("a later fill of the entry re-bases the stop on the new average") {
  test::engine_fixture f;
  f.calm_vix();
  f.quote(option, 10000, 9995, 10000);
  const auto key = f.engine->enter(f.intent());
  f.accept(key);
  f.fill(key, 65, 10000);
  CHECK(f.state.positions.at(option).stop_paise == 8000);
  f.fill(key, 65, 11000);  // average ₹105
  const auto adj = f.of_type<ev::stop_adjusted>();
  REQUIRE(adj.size() == 1);
  CHECK(adj[0].reason == "rebased");
  CHECK(f.state.positions.at(option).stop_paise == 8400);
}
