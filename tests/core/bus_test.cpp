#include <doctest/doctest.h>

#include <stdexcept>
#include <vector>

#include "base/failure_probes.hpp"
#include "core/bus.hpp"
#include "core/state.hpp"
#include "storage/journal.hpp"
#include "storage/journal_reader.hpp"
#include "tests/support/temp_dir.hpp"

using namespace strike;
namespace ev = strike::events;

namespace {

// A bus over a real journal in a temp dir, folding into a state, on a virtual clock.
struct fixture {
  test::temp_dir dir;
  core::virtual_clock clock{1'763'782'500'000'000'000};
  core::state state;
  std::unique_ptr<storage::journal> journal;
  std::unique_ptr<core::bus> bus;

  explicit fixture(storage::durability d = storage::durability::group) {
    auto j = storage::journal::open({dir.path(), d}, 0);
    REQUIRE(j.ok());
    journal = std::move(*j);
    bus = std::make_unique<core::bus>(*journal, clock, state.keys);
    bus->fold_with([this](const ev::event& e) { core::apply(state, e); });
  }

  std::vector<ev::event> journaled() {
    REQUIRE(journal->sync().ok());
    std::vector<ev::event> out;
    auto r = storage::read_journal(dir.path(), 0, [&](const ev::event& e) -> status {
      out.push_back(e);
      return {};
    });
    REQUIRE(r.ok());
    return out;
  }
};

}  // namespace

TEST_CASE("publish stamps a gap-free seq from 1 and the clock's time") {
  fixture f;
  for (int i = 0; i < 5; ++i) {
    f.clock.advance_by(1000);
    auto seq = f.bus->publish(ev::trading_resumed{"r" + std::to_string(i)});
    REQUIRE(seq.ok());
    CHECK(*seq == i + 1);
  }
  const auto events = f.journaled();
  REQUIRE(events.size() == 5);
  for (std::size_t i = 0; i < events.size(); ++i) {
    CHECK(events[i].env.seq == static_cast<std::int64_t>(i + 1));
    CHECK(events[i].env.ts == 1'763'782'500'000'000'000 + 1000 * static_cast<std::int64_t>(i + 1));
  }
}

TEST_CASE("typed subscribers see only their type, after the state already includes the event") {
  fixture f;
  std::vector<std::string> seen;
  f.bus->subscribe<ev::order_accepted>("acks",
                                       [&](const ev::event& e, const ev::order_accepted& a) {
                                         CHECK(f.state.last_seq == e.env.seq);
                                         seen.push_back(a.broker_id);
                                       });
  REQUIRE(f.bus->publish(ev::trading_resumed{"x"}).ok());
  REQUIRE(f.bus->publish(ev::order_accepted{"o1", "B1"}).ok());
  REQUIRE(f.bus->publish(ev::order_accepted{"o2", "B2"}).ok());
  CHECK(seen == std::vector<std::string>{"B1", "B2"});
}

TEST_CASE("an event whose idempotency key was journaled is dropped and counted") {
  fixture f;
  auto first = f.bus->publish(ev::order_accepted{"o1", "B1"}, {.key = "o1/accepted"});
  auto again = f.bus->publish(ev::order_accepted{"o1", "B1"}, {.key = "o1/accepted"});
  REQUIRE(first.ok());
  REQUIRE(again.ok());
  CHECK(*first == 1);
  CHECK(*again == 0);
  CHECK(f.bus->stats().duplicates_dropped == 1);
  CHECK(f.journaled().size() == 1);
  CHECK(f.state.counts[ev::index_of<ev::order_accepted>()] == 1);
}

TEST_CASE("idempotency survives a restart: keys come back with the replayed state") {
  test::temp_dir dir;
  {
    core::state state;
    core::virtual_clock clock{1};
    auto j = storage::journal::open({dir.path(), storage::durability::group}, 0);
    core::bus bus(**j, clock, state.keys);
    bus.fold_with([&](const ev::event& e) { core::apply(state, e); });
    REQUIRE(bus.publish(ev::order_filled{"o1", "f1", 65, 100, 65, 0, 0, "stream"}, {.key = "o1/f1"})
                .ok());
  }
  core::state state;
  auto r = storage::read_journal(dir.path(), 0, [&](const ev::event& e) -> status {
    core::apply(state, e);
    return {};
  });
  REQUIRE(r.ok());
  core::virtual_clock clock{2};
  auto j = storage::journal::open({dir.path(), storage::durability::group}, state.last_seq);
  core::bus bus(**j, clock, state.keys);
  auto seq = bus.publish(ev::order_filled{"o1", "f1", 65, 100, 65, 0, 0, "poll"}, {.key = "o1/f1"});
  REQUIRE(seq.ok());
  CHECK(*seq == 0);
}

TEST_CASE("events published by a subscriber are delivered after the current event, in seq order") {
  fixture f;
  std::vector<std::int64_t> order;
  f.bus->subscribe_all("recorder", [&](const ev::event& e) { order.push_back(e.env.seq); });
  f.bus->subscribe<ev::signal_raised>("strategy", [&](const ev::event& e,
                                                      const ev::signal_raised&) {
    REQUIRE(
        f.bus->publish(ev::risk_rejected{"o", "max_positions", "full"}, {.cause = e.env.seq}).ok());
    REQUIRE(f.bus->publish(ev::trading_resumed{"x"}, {.cause = e.env.seq}).ok());
  });
  std::vector<std::int64_t> seen_by_second;
  f.bus->subscribe<ev::signal_raised>("second", [&](const ev::event& e, const ev::signal_raised&) {
    // The nested events are journaled already but not yet delivered.
    CHECK(f.bus->last_seq() == e.env.seq + 2);
    CHECK(order.back() == e.env.seq);
    seen_by_second.push_back(e.env.seq);
  });
  REQUIRE(
      f.bus->publish(ev::signal_raised{"s", "NSE:1", ev::signal_action::enter_long, "r", 1}).ok());
  CHECK(order == std::vector<std::int64_t>{1, 2, 3});
  CHECK(seen_by_second == std::vector<std::int64_t>{1});
  const auto events = f.journaled();
  CHECK(events[1].env.cause == 1);
}

TEST_CASE("a subscriber to some types is called for those only, still before typed subscribers") {
  fixture f;
  std::vector<std::string> calls;
  f.bus->subscribe<ev::trading_resumed>(
      "typed", [&](const ev::event&, const ev::trading_resumed&) { calls.push_back("typed"); });
  f.bus->subscribe_all(
      "some", [&](const ev::event& e) { calls.push_back(std::string(e.type_name())); },
      core::bus::types_of<ev::trading_resumed, ev::risk_rejected>());
  REQUIRE(
      f.bus->publish(ev::signal_raised{"s", "NSE:1", ev::signal_action::enter_long, "r", 1}).ok());
  REQUIRE(f.bus->publish(ev::trading_resumed{"x"}).ok());
  REQUIRE(f.bus->publish(ev::entry_window_changed{"2026-01-07", true}).ok());
  REQUIRE(f.bus->publish(ev::risk_rejected{"o", "max_positions", "full"}).ok());
  CHECK(calls == std::vector<std::string>{"TradingResumed", "typed", "RiskRejected"});
  CHECK(f.state.last_seq == 4);  // the others were published and folded all the same
}

TEST_CASE("a shared subscriber keeps the very event delivered, in order, past the bus's queue") {
  fixture f;
  std::vector<const ev::event*> delivered;
  std::vector<std::shared_ptr<const ev::event>> kept;
  f.bus->subscribe_all("recorder", [&](const ev::event& e) { delivered.push_back(&e); });
  f.bus->subscribe_all_shared(
      "keeper", [&](const std::shared_ptr<const ev::event>& e) { kept.push_back(e); });
  f.bus->subscribe<ev::signal_raised>(
      "strategy", [&](const ev::event& e, const ev::signal_raised&) {
        REQUIRE(f.bus->publish(ev::trading_resumed{"x"}, {.cause = e.env.seq}).ok());
      });
  REQUIRE(
      f.bus->publish(ev::signal_raised{"s", "NSE:1", ev::signal_action::enter_long, "r", 1}).ok());
  REQUIRE(f.bus->publish(ev::trading_resumed{"y"}).ok());
  REQUIRE(kept.size() == 3);
  for (std::size_t i = 0; i < kept.size(); ++i) {
    CHECK(kept[i].get() == delivered[i]);  // a share of the delivered event, not a copy
    CHECK(kept[i]->env.seq == static_cast<std::int64_t>(i + 1));
  }
  // The bus has let go of them; the shares still read as journaled.
  const auto events = f.journaled();
  REQUIRE(events.size() == 3);
  for (std::size_t i = 0; i < kept.size(); ++i) CHECK(*kept[i] == events[i]);
}

TEST_CASE("a subscriber that throws becomes an ErrorRaised event and delivery goes on") {
  fixture f;
  int later_subscriber_calls = 0;
  f.bus->subscribe<ev::trading_resumed>("faulty", [](const ev::event&, const ev::trading_resumed&) {
    throw std::runtime_error("boom");
  });
  f.bus->subscribe<ev::trading_resumed>(
      "healthy", [&](const ev::event&, const ev::trading_resumed&) { ++later_subscriber_calls; });
  REQUIRE(f.bus->publish(ev::trading_resumed{"x"}).ok());
  REQUIRE(f.bus->publish(ev::trading_resumed{"y"}).ok());
  CHECK(later_subscriber_calls == 2);
  CHECK(f.bus->stats().subscriber_errors == 2);
  const auto events = f.journaled();
  REQUIRE(events.size() == 4);
  const auto& err = std::get<ev::error_raised>(events[1].body);
  CHECK(err.code == "subscriber_threw");
  CHECK(err.message == "subscriber 'faulty' threw on TradingResumed seq 1: boom");
  CHECK(events[1].env.cause == 1);
}

TEST_CASE("a subscriber that throws on ErrorRaised does not loop") {
  fixture f;
  f.bus->subscribe_all("always_throws", [](const ev::event&) { throw std::runtime_error("no"); });
  REQUIRE(f.bus->publish(ev::trading_resumed{"x"}).ok());
  CHECK(f.journaled().size() == 2);
}

TEST_CASE("when the journal refuses an event nothing is delivered and the error is returned") {
  fixture f(storage::durability::every_event);
  int delivered = 0;
  f.bus->subscribe_all("count", [&](const ev::event&) { ++delivered; });
  base::probes::arm(base::probes::point::journal_fsync, 1);
  auto seq = f.bus->publish(ev::trading_resumed{"x"});
  base::probes::disarm_all();
  CHECK_FALSE(seq.ok());
  CHECK(delivered == 0);
  CHECK(f.bus->stats().journal_errors == 1);
}

TEST_CASE("the state holds an event from the moment it is published, before it is delivered") {
  fixture f;
  std::int64_t folded_when_published = -1;
  std::int64_t folded_when_second_saw_signal = -1;
  f.bus->subscribe<ev::signal_raised>("strategy", [&](const ev::event&, const ev::signal_raised&) {
    REQUIRE(f.bus->publish(ev::trading_halted{"operator", "manual", false, "stop"}).ok());
    folded_when_published = f.state.last_seq;
  });
  f.bus->subscribe<ev::signal_raised>("second", [&](const ev::event&, const ev::signal_raised&) {
    folded_when_second_saw_signal = f.state.last_seq;
    CHECK(f.state.risk.halted);
  });
  REQUIRE(
      f.bus->publish(ev::signal_raised{"s", "NSE:1", ev::signal_action::enter_long, "r", 1}).ok());
  CHECK(folded_when_published == 2);
  CHECK(folded_when_second_saw_signal == 2);
}
