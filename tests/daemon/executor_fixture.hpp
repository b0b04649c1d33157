// The trading engine and the order executor against the paper broker, on a real bus and
// journal: orders really go out (after their request is durable) and come back as the broker's
// answers. restart() plays a new daemon process on the same journal.
#pragma once

#include <boost/asio/io_context.hpp>

#include "brokers/paper/paper_broker.hpp"
#include "daemon/order_executor.hpp"
#include "daemon/recovery.hpp"
#include "tests/trading/engine_fixture.hpp"

namespace strike::test {

// A market order placed at the broker by a person, not by the daemon.
inline brokers::order_request by_hand(std::string instrument, std::string symbol, ev::side side,
                                      std::int64_t qty) {
  brokers::order_request r;
  r.instrument = std::move(instrument);
  r.symbol = std::move(symbol);
  r.side = side;
  r.type = ev::order_type::market;
  r.qty = qty;
  r.tag = "by-hand";
  return r;
}

struct executor_fixture : engine_fixture {
  boost::asio::io_context io;
  std::unique_ptr<brokers::paper::paper_broker> paper = make_paper();
  std::unique_ptr<daemon::order_executor> executor;

  executor_fixture() { start(); }

  std::unique_ptr<brokers::paper::paper_broker> make_paper() {
    return std::make_unique<brokers::paper::paper_broker>(clock, brokers::paper::paper_config{},
                                                          10'00'000'00);
  }

  void start() {
    executor = std::make_unique<daemon::order_executor>(
        io, *bus, state, *journal, *paper,
        daemon::executor_config{{}, brokers::product::carryforward, std::chrono::milliseconds(5)});
    executor->attach();
    paper->on_fill([this](const brokers::paper::paper_fill& f) {
      executor->apply_update(f.order, f.trade, "paper");
    });
  }
  void market(const std::string& instrument, std::int64_t ltp, std::int64_t bid, std::int64_t ask) {
    quote(instrument, ltp, bid, ask);
    paper->on_quote(instrument, {clock.now_ns(), ltp, bid, ask});
  }
  // Runs the reactor until nothing is ready to run: every durable request sent, every answer
  // journaled. Pending timers (book polling) are not waited for.
  void settle() {
    io.restart();
    for (int idle = 0; idle < 3;) {
      REQUIRE(journal->sync().ok());
      idle = io.poll() == 0 ? idle + 1 : 0;
    }
  }

  // A new daemon on the journal so far: state recovered from disk, a new bus, engine and
  // executor, DaemonStarted journaled (the books are not reconciled yet). The paper broker keeps
  // its books when broker_keeps_books, else it comes back empty (as if a person had closed
  // everything by hand meanwhile).
  void restart(bool broker_keeps_books) {
    executor->stop();
    settle();
    const auto config = engine->config();
    executor.reset();
    engine.reset();
    bus.reset();
    journal.reset();
    auto recovered = daemon::recover(dir.path(), {});
    REQUIRE(recovered.ok());
    state = recovered->state;
    auto j = storage::journal::open({dir.path(), storage::durability::none}, state.last_seq);
    REQUIRE(j.ok());
    journal = std::move(*j);
    bus = std::make_unique<core::bus>(*journal, clock, state.keys);
    bus->fold_with([this](const events::event& e) { core::apply(state, e); });
    engine = std::make_unique<core::trading::trading_engine>(*bus, state, clock, config);
    engine->attach();
    if (!broker_keeps_books) paper = make_paper();
    start();
    publish(events::daemon_started{"test", 1, "paper", ""});
  }
};

}  // namespace strike::test
