// A trading engine on a real bus and journal (in a temp dir), folding into a state, on a
// virtual clock. Tests drive it as the daemon does: broker answers come in as the events the
// order executor would publish.
#pragma once

#include <doctest/doctest.h>

#include <memory>
#include <vector>

#include "core/bus.hpp"
#include "core/ist.hpp"
#include "core/state.hpp"
#include "core/trading/trading_engine.hpp"
#include "storage/journal.hpp"
#include "storage/journal_reader.hpp"
#include "tests/support/temp_dir.hpp"

namespace strike::test {

namespace ev = strike::events;

inline const std::string option = "NFO:58784";
inline const std::string vix = "NSE:99926017";

struct engine_fixture {
  temp_dir dir;
  core::virtual_clock clock{core::ist_time_ns({2026, 1, 6}, 10 * 60)};  // 10:00 IST
  core::state state;
  std::unique_ptr<storage::journal> journal;
  std::unique_ptr<core::bus> bus;
  std::unique_ptr<core::trading::trading_engine> engine;
  int fills = 0;

  explicit engine_fixture(core::trading::trading_config config = {}) {
    auto j = storage::journal::open({dir.path(), storage::durability::none}, 0);
    REQUIRE(j.ok());
    journal = std::move(*j);
    bus = std::make_unique<core::bus>(*journal, clock, state.keys);
    bus->fold_with([this](const ev::event& e) { core::apply(state, e); });
    engine = std::make_unique<core::trading::trading_engine>(*bus, state, clock, std::move(config));
    engine->attach();
    publish(ev::reconciliation_completed{0, 0, 0, 0, true});
    open_session();
  }

  void publish(ev::payload p, core::publish_options o = {}) {
    REQUIRE(bus->publish(std::move(p), std::move(o)).ok());
  }

  void open_session(std::string date = "2026-01-06", std::int64_t dte = 3) {
    publish(ev::session_opened{date, 0, "2026-01-09", dte});
    publish(ev::entry_window_changed{date, true});
    publish(ev::self_test_completed{true, "", ""});
  }

  void quote(const std::string& instrument, std::int64_t ltp, std::int64_t bid = 0,
             std::int64_t ask = 0) {
    engine->on_quote(instrument, {clock.now_ns(), ltp, bid, ask});
  }
  void calm_vix(double level = 13.0) { quote(vix, static_cast<std::int64_t>(level * 100)); }

  core::trading::entry_intent intent(std::string basis = "bar-1") {
    return {"trend", option, "NIFTY06JAN2626000CE", ev::side::buy, "bullish", std::move(basis),
            65,      5};
  }

  // What the executor would journal as the broker answers.
  void accept(const std::string& key) {
    publish(ev::order_accepted{key, "B-" + key}, {.key = key + "/accepted"});
  }
  void fill(const std::string& key, std::int64_t qty, std::int64_t price) {
    const auto& o = state.orders.at(key);
    const std::int64_t filled = o.filled_qty + qty;
    const std::string id = "F" + std::to_string(++fills);
    publish(ev::order_filled{key, id, qty, price, filled, o.qty - filled, 0, "stream"},
            {.key = key + "/" + id});
  }
  void modified(const std::string& key, ev::order_type type, std::int64_t price) {
    publish(ev::order_modified{key, type, price, state.orders.at(key).qty});
  }
  void cancelled(const std::string& key) {
    publish(ev::order_cancelled{key, state.orders.at(key).filled_qty, "cancelled"},
            {.key = key + "/cancelled"});
  }

  // Journaled events, in order.
  std::vector<ev::event> events() {
    REQUIRE(journal->sync().ok());
    std::vector<ev::event> out;
    auto r = storage::read_journal(dir.path(), 0, [&](const ev::event& e) -> status {
      out.push_back(e);
      return {};
    });
    REQUIRE(r.ok());
    return out;
  }

  template <class T>
  std::vector<T> of_type() {
    std::vector<T> out;
    for (const auto& e : events())
      if (auto* p = std::get_if<T>(&e.body)) out.push_back(*p);
    return out;
  }

  // The key of the newest order intent.
  std::string last_order() {
    auto intents = of_type<ev::order_intent>();
    REQUIRE(!intents.empty());
    return intents.back().order;
  }

  // Enters, accepts and fully fills one lot at `price`; returns the order key.
  std::string open_position(std::int64_t price, std::string basis = "bar-1") {
    quote(option, price, price - 5, price);
    const auto key = engine->enter(intent(std::move(basis)));
    REQUIRE(!key.empty());
    accept(key);
    fill(key, state.orders.at(key).qty, price);
    return key;
  }

  // Opens a position at price, exits it on a signal and has the broker accept the exit; returns
  // the exit order's key.
  std::string accepted_exit(std::int64_t price) {
    open_position(price);
    engine->exit_position(option, "signal");
    const auto key = last_order();
    accept(key);
    return key;
  }
};

}  // namespace strike::test
