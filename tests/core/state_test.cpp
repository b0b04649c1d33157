#include <doctest/doctest.h>

#include <random>

#include "core/state.hpp"
#include "core/state_codec.hpp"
#include "tests/support/sample_payloads.hpp"
#include "tests/support/state_folder.hpp"

using namespace strike;
namespace ev = strike::events;

using folder = test::state_folder;

TEST_CASE("an order's lifecycle folds into its status") {
  folder f;
  f(ev::order_intent{"o1", "trend", "NFO:1", "SYM", ev::side::buy, 130, ev::purpose::entry, "r",
                     10000, 5, 65},
    "o1");
  CHECK(f.s.orders.at("o1").status == core::order_status::intended);
  f(ev::risk_approved{"o1", 2, 130});
  f(ev::order_submitted{"o1", ev::order_type::limit, 10000, 0, 130, 1});
  f(ev::order_accepted{"o1", "B1"});
  CHECK(f.s.orders.at("o1").status == core::order_status::accepted);
  CHECK(f.s.open_orders == std::set<std::string, std::less<>>{"o1"});
  f(ev::order_modify_requested{"o1", 1, ev::order_type::limit, 10025, 130});
  CHECK(f.s.orders.at("o1").pending == core::order_pending::modify);
  f(ev::order_modified{"o1", ev::order_type::limit, 10025, 130});
  f(ev::order_filled{"o1", "f1", 65, 10025, 65, 65, 100, "stream"});
  CHECK(f.s.orders.at("o1").status == core::order_status::partially_filled);
  f(ev::order_filled{"o1", "f2", 65, 10025, 130, 0, 100, "stream"});
  const auto& o = f.s.orders.at("o1");
  CHECK(o.status == core::order_status::filled);
  CHECK(o.filled_qty == 130);
  CHECK(o.filled_value_paise == 130 * 10025);
  CHECK(o.broker_id == "B1");
  CHECK(o.ladder_step == 1);
  CHECK(core::has_open_orders(f.s) == false);
  CHECK(f.s.open_orders.empty());
  const auto& p = f.s.positions.at("NFO:1");
  CHECK(p.qty == 130);
  CHECK(p.cost_paise == 130 * 10025);
}

TEST_CASE("an exit fill realises P&L in integer paise and closes the position") {
  folder f;
  f(ev::order_intent{"e", "s", "NFO:1", "SYM", ev::side::buy, 65, ev::purpose::entry, "r", 10000, 5,
                     65});
  f(ev::order_filled{"e", "f1", 65, 10000, 65, 0, 0, "stream"});
  f(ev::order_intent{"x", "s", "NFO:1", "SYM", ev::side::sell, 65, ev::purpose::exit, "stop", 9000,
                     5, 65});
  f(ev::order_filled{"x", "f2", 65, 9050, 65, 0, 0, "stream"});
  CHECK(f.s.positions.at("NFO:1").qty == 0);
  CHECK(f.s.positions.at("NFO:1").realized_paise == 65 * (9050 - 10000));
  f(ev::position_closed{"NFO:1", 65, 10000, 9050, 65 * -950, 4000, 65 * -950 - 4000});
  CHECK(f.s.positions.empty());
  CHECK(f.s.today.losses == 1);
  CHECK(f.s.today.consecutive_losses == 1);
}

TEST_CASE("a fill after a cancel request still counts, and the order ends filled, not cancelled") {
  folder f;
  f(ev::order_intent{"o", "s", "NFO:1", "SYM", ev::side::buy, 65, ev::purpose::entry, "r", 100, 5,
                     65});
  f(ev::order_accepted{"o", "B"});
  f(ev::order_cancel_requested{"o", "ladder_exhausted"});
  f(ev::order_filled{"o", "f", 65, 100, 65, 0, 0, "stream"});
  f(ev::order_cancelled{"o", 65, "too late"});
  CHECK(f.s.orders.at("o").status == core::order_status::filled);
  CHECK(f.s.positions.at("NFO:1").qty == 65);
}

TEST_CASE("halts, breakers and the VIX trip are state") {
  folder f;
  f(ev::trading_halted{"daily_loss", "day", true, "-2.1%"});
  f(ev::vix_breaker_tripped{24.5, "level", 22, 12.5});
  f(ev::broker_breaker_changed{"orders", ev::breaker_state::open, 5});
  CHECK(f.s.risk.halted);
  CHECK(f.s.risk.halt_reason == "daily_loss");
  CHECK(f.s.risk.vix_tripped);
  CHECK(f.s.risk.breakers.at("orders") == ev::breaker_state::open);
  f(ev::trading_resumed{"new_session"});
  f(ev::vix_breaker_reset{15.0, 600'000'000'000});
  CHECK_FALSE(f.s.risk.halted);
  CHECK_FALSE(f.s.risk.vix_tripped);
}

TEST_CASE("a start without a stop before it counts as an unclean restart") {
  folder f;
  f(ev::daemon_started{"1", 10, "paper", ""});
  f(ev::daemon_stopped{0, true, 5});
  f(ev::daemon_started{"1", 11, "paper", ""});
  f(ev::daemon_started{"1", 12, "paper", ""});
  CHECK(f.s.lifecycle.starts == 3);
  CHECK(f.s.lifecycle.clean_stops == 1);
  CHECK(f.s.lifecycle.unclean_restarts == 1);
}

TEST_CASE("session open forgets idempotency keys and finished orders past the retention horizon") {
  folder f;
  f(ev::order_intent{"old", "s", "NFO:1", "SYM", ev::side::buy, 65, ev::purpose::entry, "r", 100, 5,
                     65},
    "old");
  f(ev::order_rejected{"old", "AB", "no"});
  f.seq += 8 * 24 * 3600;  // eight days later
  f(ev::session_opened{"2026-11-30", 0, "2026-12-01", 1});
  CHECK_FALSE(f.s.keys.contains("old"));
  CHECK(f.s.orders.count("old") == 0);
}

TEST_CASE("session open makes room for as many keys again as it keeps, so the day's grow nothing") {
  folder f;
  f(ev::session_opened{"2026-11-30", 0, "2026-12-01", 1});
  CHECK(f.s.keys.room() >= 4096);
  for (int i = 0; i < 6000; ++i) f.s.keys.insert("k" + std::to_string(i), f.seq);
  f(ev::session_opened{"2026-12-01", 0, "2026-12-01", 0});
  CHECK(f.s.keys.size() == 6000);  // within the retention: all kept
  CHECK(f.s.keys.room() >= 12'000);
}

TEST_CASE("the last order found is not state, and the open orders' index follows every fold") {
  // Runs of one order's events, orders erased at session open and then intended again under the
  // same key: the remembered order must never stand in for another, nor outlive its erasure.
  std::mt19937_64 rng(11);
  folder f, copies;
  for (int i = 0; i < 4000; ++i) {
    const std::string o = "o" + std::to_string(rng() % 4);
    const auto roll = rng() % 12;
    ev::payload p = ev::risk_approved{o, 1, 65};
    if (roll == 0)
      p = ev::order_intent{o,   "s", "NFO:1", "SYM", ev::side::buy, 65, ev::purpose::entry,
                           "r", 100, 5,       65};
    if (roll == 1) p = ev::order_submitted{o, ev::order_type::limit, 100, 0, 65, 1};
    if (roll == 2) p = ev::order_accepted{o, "B" + std::to_string(i)};
    if (roll == 3) p = ev::order_modify_requested{o, 1, ev::order_type::limit, 105, 65};
    if (roll == 4) p = ev::order_filled{o, "f" + std::to_string(i), 65, 105, 0, 0, 10, "stream"};
    if (roll == 5) p = ev::order_cancelled{o, 0, "ladder"};
    if (roll == 6) p = ev::order_rejected{o, "AB", "no"};
    if (roll == 7) {
      f.seq += 8 * 24 * 3600;  // past the retention horizon: terminal orders are erased
      copies.seq = f.seq;
      p = ev::session_opened{"d" + std::to_string(i), 0, "e", 1};
    }
    const std::string key = roll == 0 ? o + "#" + std::to_string(i) : "";
    f(p, key);
    copies.s = core::state(copies.s);  // a copy starts with nothing remembered
    copies(p, key);
    core::state reindexed = f.s;  // the index apply() keeps is the one the orders give
    core::index_open_orders(reindexed);
    REQUIRE(reindexed.open_orders == f.s.open_orders);
  }
  std::string a, b;
  core::encode_state(f.s, a);
  core::encode_state(copies.s, b);
  CHECK(a == b);
  CHECK(f.s == copies.s);
}

TEST_CASE("state encodes deterministically and decodes to an equal state") {
  std::mt19937_64 rng(7);
  folder f;
  for (int i = 0; i < 3000; ++i) {
    const auto type = rng() % ev::type_count;
    f(test::filled_payload(type, rng), rng() % 3 == 0 ? "k" + std::to_string(i) : "");
  }
  std::string a, b;
  core::encode_state(f.s, a);
  core::encode_state(f.s, b);
  CHECK(a == b);
  auto decoded = core::decode_state(a);
  REQUIRE_MESSAGE(decoded.ok(), (decoded.ok() ? "" : decoded.error().message));
  CHECK(*decoded == f.s);
  std::string c;
  core::encode_state(*decoded, c);
  CHECK(c == a);
}

TEST_CASE("decoding a state names the field at fault") {
  auto r = core::decode_state(R"({"last_seq":"x"})");
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().message == "state.last_seq: expected an integer");
}
