// Reconciliation while trading, against the paper broker with its order feed down (fills reach
// the journal only through the books) and the executor's book polling stopped, so that what the
// journal misses is left for reconciliation to find. A run must never do harm: what is in flight,
// or what the lagging books have not caught up on, is neither reported nor acted on.
#include <doctest/doctest.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <map>
#include <optional>

#include "brokers/timekeeper.hpp"
#include "core/positions.hpp"
#include "daemon/reconciler.hpp"
#include "tests/daemon/executor_fixture.hpp"
#include "tests/daemon/lagging_books.hpp"

using namespace strike;
namespace ev = strike::events;
using daemon::unknown_position_policy;
using test::option;

namespace {

const std::string hand_option = "NFO:58790";
const std::string hand_symbol = "NIFTY06JAN2626100CE";
constexpr std::int64_t live_settle_ns = 3 * core::ns_per_s;
constexpr std::int64_t live_vanish_after_ns = 60 * core::ns_per_s;

struct live_fixture : test::executor_fixture {
  test::lagging_books books{*paper};
  brokers::virtual_timekeeper time{clock};
  daemon::reconcile_memory memory;

  live_fixture() {
    calm_vix();
    executor->stop();
    paper->on_fill([](const brokers::paper::paper_fill&) {});
  }

  template <class T>
  T run(boost::asio::awaitable<T> work) {
    std::optional<T> out;
    boost::asio::co_spawn(
        io,
        [&out, w = std::move(work)]() mutable -> boost::asio::awaitable<void> {
          out.emplace(co_await std::move(w));
        },
        boost::asio::detached);
    settle();
    REQUIRE(out.has_value());
    return std::move(*out);
  }

  void run(boost::asio::awaitable<void> work) {
    bool done = false;
    boost::asio::co_spawn(
        io,
        [&done, w = std::move(work)]() mutable -> boost::asio::awaitable<void> {
          co_await std::move(w);
          done = true;
        },
        boost::asio::detached);
    settle();
    REQUIRE(done);
  }

  daemon::reconcile_summary reconcile(
      unknown_position_policy policy = unknown_position_policy::report, bool live = true) {
    const daemon::live_reconcile settings{&time, &memory, live_settle_ns, live_vanish_after_ns};
    auto r =
        run(daemon::reconcile(*bus, state, books, *executor, policy, live ? &settings : nullptr));
    REQUIRE(r.ok());
    return *r;
  }

  // An entry resting at the broker: the engine prices it from a quote the exchange has moved
  // away from.
  std::string resting_entry() {
    quote(option, 10000, 9995, 10000);
    paper->on_quote(option, {clock.now_ns(), 10500, 10495, 10500});
    engine->enter(intent());
    settle();
    for (const auto& [key, o] : state.orders)
      if (o.purpose == ev::purpose::entry && o.instrument == option) {
        REQUIRE(o.status == core::order_status::accepted);
        return key;
      }
    FAIL("no entry order");
    return "";
  }
  void trade_through() { paper->on_quote(option, {clock.now_ns(), 9990, 9985, 9990}); }

  // What the executor's read of the books would journal.
  boost::asio::awaitable<void> journal_books() {
    auto orders = co_await paper->order_book();
    auto trades = co_await paper->trade_book();
    for (const auto& o : *orders)
      for (const auto& t : *trades)
        if (t.broker_id == o.broker_id) executor->apply_update(o, t, "poll");
  }

  std::vector<ev::reconciliation_discrepancy> discrepancies() {
    return of_type<ev::reconciliation_discrepancy>();
  }
  std::size_t fills_from(const std::string& source) {
    std::size_t n = 0;
    for (const auto& f : of_type<ev::order_filled>()) n += f.source == source;
    return n;
  }
};

// Two instances each holding 65 of hand_option in the journal, bought at ₹80.
void journal_two_holders(live_fixture& f) {
  for (const std::string instance : {"bank_revert", "nifty_trend"}) {
    const std::string key = "00" + instance;
    f.publish(ev::order_intent{key, instance, hand_option, hand_symbol, ev::side::buy, 65,
                               ev::purpose::entry, "test", 8000, 5, 65},
              {.key = key});
    f.publish(ev::order_accepted{key, "B-" + instance}, {.key = key + "/accepted"});
    f.publish(ev::order_filled{key, "F-" + instance, 65, 8000, 65, 0, 0, "test"},
              {.key = key + "/F"});
  }
}

}  // namespace

TEST_CASE("while trading, a fill the order feed missed is adopted once and reported once") {
  live_fixture f;
  const auto key = f.resting_entry();
  f.trade_through();
  auto first = f.reconcile();
  CHECK_FALSE(first.agreed);
  CHECK(first.fills_adopted == 1);
  auto found = f.discrepancies();
  REQUIRE(found.size() == 1);
  CHECK(found[0].kind == "fill_missed");
  CHECK(found[0].order == key);
  CHECK(f.state.orders.at(key).status == core::order_status::filled);
  CHECK(f.fills_from("reconcile") == 1);

  auto again = f.reconcile();
  CHECK(again.agreed);
  CHECK(f.discrepancies().size() == 1);
  CHECK(f.fills_from("reconcile") == 1);
}

TEST_CASE(
    "a fill the executor journals during the settling wait is not adopted again nor reported") {
  live_fixture f;
  const auto key = f.resting_entry();
  f.trade_through();
  f.books.before_read = [&f](int read) -> boost::asio::awaitable<void> {
    if (read == 2) co_await f.journal_books();
  };
  auto summary = f.reconcile();
  CHECK(summary.agreed);
  CHECK(f.discrepancies().empty());
  CHECK(f.fills_from("poll") == 1);
  CHECK(f.fills_from("reconcile") == 0);
  CHECK(f.state.orders.at(key).status == core::order_status::filled);
}

TEST_CASE("an order cancelled at the broker behind the daemon's back is closed and reported once") {
  live_fixture f;
  const auto key = f.resting_entry();
  brokers::cancel_request cancel{f.state.orders.at(key).broker_id, ev::order_type::limit};
  REQUIRE(f.run(f.paper->cancel_order(cancel)).ok());
  auto summary = f.reconcile();
  CHECK(summary.orders_closed == 1);
  auto found = f.discrepancies();
  REQUIRE(found.size() == 1);
  CHECK(found[0].kind == "status_missed");
  CHECK(found[0].action == "closed");
  CHECK(f.state.orders.at(key).status == core::order_status::cancelled);
  f.reconcile();
  CHECK(f.discrepancies().size() == 1);
}

TEST_CASE(
    "a working order the lagging order book does not show is closed only once it has been "
    "missing for a while") {
  live_fixture f;
  const auto key = f.resting_entry();
  f.books.hidden_orders.insert(f.state.orders.at(key).broker_id);
  f.reconcile();
  f.reconcile();
  CHECK(f.discrepancies().empty());
  CHECK(f.state.orders.at(key).status == core::order_status::accepted);

  // It shows again: forgotten, and a later absence starts its wait afresh.
  f.books.hidden_orders.clear();
  f.reconcile();
  CHECK(f.memory.missing_since_ns.empty());
  f.books.hidden_orders.insert(f.state.orders.at(key).broker_id);
  f.reconcile();
  f.clock.advance_by(live_vanish_after_ns);
  f.reconcile();
  auto found = f.discrepancies();
  REQUIRE(found.size() == 1);
  CHECK(found[0].kind == "order_unknown_at_broker");
  CHECK(f.state.orders.at(key).status == core::order_status::cancelled);
}

TEST_CASE("at start-up a working order the broker does not know is closed at once") {
  live_fixture f;
  const auto key = f.resting_entry();
  f.books.hidden_orders.insert(f.state.orders.at(key).broker_id);
  f.reconcile(unknown_position_policy::report, false);
  REQUIRE(f.discrepancies().size() == 1);
  CHECK(f.state.orders.at(key).status == core::order_status::cancelled);
}

TEST_CASE("a position the broker's positions have not caught up on is not a difference") {
  live_fixture f;
  const auto key = f.resting_entry();
  f.trade_through();
  f.run(f.journal_books());
  REQUIRE(f.state.orders.at(key).status == core::order_status::filled);
  f.books.frozen_positions.emplace();  // the fill is not in the positions yet
  f.books.before_read = [&f](int read) -> boost::asio::awaitable<void> {
    if (read == 2) f.books.frozen_positions.reset();
    co_return;
  };
  auto summary = f.reconcile();
  CHECK(summary.agreed);
  CHECK(f.discrepancies().empty());
  CHECK_FALSE(f.state.risk.halted_for("reconcile_mismatch"));
}

TEST_CASE(
    "while trading, a position taken by hand is reported, adopted or flattened as configured") {
  live_fixture f;
  f.paper->on_quote(hand_option, {f.clock.now_ns(), 8000, 7995, 8000});
  REQUIRE(f.run(f.paper->place_order(
                    test::by_hand(hand_option, "NIFTY06JAN2626100CE", ev::side::buy, 65)))
              .ok());

  SUBCASE("report") {
    auto summary = f.reconcile(unknown_position_policy::report);
    CHECK(summary.positions_unknown == 1);
    REQUIRE(f.discrepancies().size() == 1);
    CHECK(f.discrepancies()[0].kind == "position_unknown");
    CHECK(f.discrepancies()[0].action == "reported");
    CHECK_FALSE(f.state.positions.count(hand_option));
    // Not reported again every interval while it stays the same.
    CHECK_FALSE(f.reconcile(unknown_position_policy::report).agreed);
    CHECK(f.discrepancies().size() == 1);
  }
  SUBCASE("adopt") {
    auto summary = f.reconcile(unknown_position_policy::adopt);
    REQUIRE(f.discrepancies().size() == 1);
    CHECK(f.discrepancies()[0].action == "adopted");
    CHECK(f.state.positions.at(hand_option).qty == 65);
    CHECK(summary.to_flatten.empty());
    CHECK(f.reconcile(unknown_position_policy::adopt).agreed);  // adopted once
  }
  SUBCASE("flatten") {
    auto summary = f.reconcile(unknown_position_policy::flatten);
    REQUIRE(f.discrepancies().size() == 1);
    CHECK(f.discrepancies()[0].action == "flattened");
    CHECK(summary.to_flatten == std::vector<std::string>{hand_option});
    CHECK(f.state.positions.at(hand_option).qty == 65);
  }
}

TEST_CASE("while trading, a position partly closed by hand halts entries and caps its exits") {
  live_fixture f;
  f.resting_entry();
  f.trade_through();
  f.run(f.journal_books());
  const std::int64_t held = f.state.positions.at(option).qty;
  REQUIRE(
      f.run(f.paper->place_order(test::by_hand(option, "NIFTY06JAN2626000CE", ev::side::sell, 65)))
          .ok());
  f.reconcile();
  REQUIRE(f.discrepancies().size() == 1);
  CHECK(f.discrepancies()[0].kind == "qty_mismatch");
  CHECK(f.discrepancies()[0].journal_qty == held);
  CHECK(f.discrepancies()[0].broker_qty == held - 65);
  CHECK(f.state.risk.halted_for("reconcile_mismatch"));
  CHECK(f.state.positions.at(option).exit_cap == held - 65);
}

TEST_CASE("a position the journal lost is adopted for the instance its order tag names") {
  live_fixture f;
  // An entry of instance "bank_revert" the journal saw end (cancelled), which the broker filled
  // all the same: the broker's position carries that order's tag.
  const std::string key = "00bank0revert001";
  f.publish(ev::order_intent{key, "bank_revert", hand_option, "NIFTY06JAN2626100CE", ev::side::buy,
                             65, ev::purpose::entry, "test", 8000, 5, 65},
            {.key = key});
  f.publish(ev::order_cancelled{key, 0, "cancelled"}, {.key = key + "/cancelled"});
  f.paper->on_quote(hand_option, {f.clock.now_ns(), 8000, 7995, 8000});
  auto request = test::by_hand(hand_option, "NIFTY06JAN2626100CE", ev::side::buy, 65);
  request.tag = key;
  REQUIRE(f.run(f.paper->place_order(request)).ok());

  // At start-up (while trading, an order of ours whose rows disagree keeps the contract busy
  // until its fill arrives).
  f.reconcile(unknown_position_policy::adopt, false);
  REQUIRE(f.discrepancies().size() == 1);
  CHECK(f.discrepancies()[0].action == "adopted");
  REQUIRE(f.state.positions.count(hand_option));
  CHECK(f.state.positions.at(hand_option).strategy == "bank_revert");
  CHECK(f.of_type<ev::order_intent>().back().strategy == "bank_revert");

  SUBCASE("a tag that is not ours leaves it to no instance") {
    auto other = test::by_hand(hand_option, "NIFTY06JAN2626100CE", ev::side::buy, 65);
    other.tag = "by-hand";
    // (the first adoption already named its owner; a hand-placed addition keeps it)
    REQUIRE(f.run(f.paper->place_order(other)).ok());
    f.reconcile(unknown_position_policy::adopt, false);
    CHECK(f.state.positions.at(hand_option).strategy == "bank_revert");
    CHECK(f.state.positions.at(hand_option).qty == 130);
  }
}

TEST_CASE("what the broker holds less of a contract two instances hold comes off each in turn") {
  live_fixture f;
  // Each instance bought 65 in the journal; the broker holds 30 (the rest sold by hand).
  journal_two_holders(f);
  const std::string second = hand_option + "@nifty_trend";
  REQUIRE(f.state.positions.at(hand_option).strategy == "bank_revert");
  REQUIRE(f.state.positions.at(second).qty == 65);
  f.paper->on_quote(hand_option, {f.clock.now_ns(), 8000, 7995, 8000});
  REQUIRE(
      f.run(f.paper->place_order(test::by_hand(hand_option, hand_symbol, ev::side::buy, 30))).ok());

  f.reconcile(unknown_position_policy::adopt, false);
  REQUIRE(f.discrepancies().size() == 1);
  CHECK(f.discrepancies()[0].journal_qty == 130);
  CHECK(f.discrepancies()[0].broker_qty == 30);
  // The first in key order goes to flat, the second gives up the rest; neither turns short.
  CHECK(f.state.positions.count(hand_option) == 0);
  CHECK(f.state.positions.at(second).qty == 30);
  CHECK(core::net_qty(f.state, hand_option) == 30);
  std::map<std::string, std::int64_t> adopted;
  for (const auto& i : f.of_type<ev::order_intent>())
    if (i.reason == "adopted from the broker") adopted[i.strategy] += i.qty;
  CHECK(adopted == std::map<std::string, std::int64_t>{{"bank_revert", 65}, {"nifty_trend", 35}});
}

TEST_CASE("with exits capped, two instances in a contract together sell no more than it holds") {
  live_fixture f;
  journal_two_holders(f);
  f.paper->on_quote(hand_option, {f.clock.now_ns(), 8000, 7995, 8000});
  REQUIRE(f.run(f.paper->place_order(test::by_hand(hand_option, hand_symbol, ev::side::buy, 100)))
              .ok());
  f.reconcile(unknown_position_policy::report, false);
  REQUIRE(f.discrepancies().size() == 1);
  CHECK(f.discrepancies()[0].action == "reported");
  // The first keeps all of its 65, the second may sell the 35 left.
  CHECK(f.state.positions.at(hand_option).exit_cap == -1);
  CHECK(f.state.positions.at(hand_option + "@nifty_trend").exit_cap == 35);
}
