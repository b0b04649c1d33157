// The order-update feed and the daemon's order executor against an in-process simulator: the
// client's real feeds and REST calls, the executor on a real bus and journal.
#pragma once

#include <doctest/doctest.h>

#include <boost/asio/co_spawn.hpp>

#include "core/bus.hpp"
#include "core/state.hpp"
#include "daemon/order_executor.hpp"
#include "storage/journal.hpp"
#include "storage/journal_reader.hpp"
#include "tests/feeds/feed_fixture.hpp"

namespace strike::test {

using brokers::order_info;
using brokers::order_state;
using brokers::trade_info;
namespace ev = strike::events;

struct update {
  order_info order;
  std::optional<trade_info> fill;
};

struct order_fixture : feed_fixture {
  std::vector<update> updates;
  std::function<void(const order_info&, const std::optional<trade_info>&)> forward;
  std::string option;

  order_fixture() : option(world.option(26000, true)) {
    auto& stream = open_orders();
    stream.on_update([this](const order_info& o, const std::optional<trade_info>& t) {
      updates.push_back({o, t});
      if (forward) forward(o, t);
    });
    stream.start();
    REQUIRE(run_until([&] { return orders->stats().connected; }));
  }

  const sim::instrument& inst() const { return world.of(option); }
  sim::quote quote() { return world.mkt.at(inst(), market.now_ns()); }

  brokers::order_request request(std::int64_t price, std::string tag) {
    brokers::order_request r;
    r.instrument = option;
    r.symbol = inst().symbol;
    r.side = ev::side::buy;
    r.type = ev::order_type::limit;
    r.qty = inst().lot_size;
    r.price_paise = price;
    r.tag = std::move(tag);
    return r;
  }
  // Updates received for an order, in order.
  std::vector<update> of(const std::string& broker_id) const {
    std::vector<update> out;
    for (const auto& u : updates)
      if (u.order.broker_id == broker_id) out.push_back(u);
    return out;
  }
  bool reached(const std::string& broker_id, order_state s) const {
    for (const auto& u : updates)
      if (u.order.broker_id == broker_id && u.order.state == s) return true;
    return false;
  }
};

inline std::int64_t far_below(std::int64_t paise) {
  return std::max<std::int64_t>(5, paise / 2 / 5 * 5);
}

// The daemon's order executor on a real bus and journal, its broker the fixture's client.
struct executor_fixture : order_fixture {
  test::temp_dir journal_dir;
  core::virtual_clock clock{market.now_ns()};
  core::state state;
  std::unique_ptr<storage::journal> journal;
  std::unique_ptr<core::bus> bus;
  std::unique_ptr<daemon::order_executor> executor;

  executor_fixture() {
    auto j = storage::journal::open({journal_dir.path(), storage::durability::none}, 0);
    REQUIRE(j.ok());
    journal = std::move(*j);
    bus = std::make_unique<core::bus>(*journal, clock, state.keys);
    bus->fold_with([this](const ev::event& e) { core::apply(state, e); });
    // Polling only when the test says: the stream is what is being tested.
    executor = std::make_unique<daemon::order_executor>(
        io, *bus, state, *journal, *client,
        daemon::executor_config{{}, brokers::product::carryforward, std::chrono::hours(1)});
    executor->attach();
  }
  ~executor_fixture() {
    executor->stop();
    run_until([&] { return executor->idle(); });
  }

  void publish(ev::payload p, core::publish_options o = {}) {
    REQUIRE(bus->publish(std::move(p), std::move(o)).ok());
  }

  // Submits a resting buy order as the trading engine would and waits for its acceptance.
  void submit(const std::string& key, std::int64_t lots = 1) {
    const std::int64_t price = far_below(quote().bid);
    const std::int64_t qty = lots * inst().lot_size;
    publish(ev::order_intent{key, "test", option, inst().symbol, ev::side::buy, qty,
                             ev::purpose::entry, "test", price, 5, inst().lot_size},
            {.key = key});
    publish(ev::order_submitted{key, ev::order_type::limit, price, 0, qty, 1}, {.corr = key});
    REQUIRE(run_until([&] { return !state.orders.at(key).broker_id.empty(); }));
  }
  // The simulator's own rows for our orders, from its admin endpoint: (order id, tag, status,
  // filled quantity).
  struct sim_order {
    std::string id, tag, status;
    std::int64_t filled = 0;
  };
  std::vector<sim_order> sim_orders() {
    const auto r = admin("GET", "/admin/orders");
    REQUIRE(r.status == 200);
    simdjson::dom::parser p;
    std::vector<sim_order> out;
    for (auto row : simdjson::dom::array(p.parse(r.body))) {
      auto o = row["order"];
      sim_order s{std::string(std::string_view(o["orderid"])),
                  std::string(std::string_view(o["ordertag"])),
                  std::string(std::string_view(o["status"])), 0};
      std::string_view filled;
      std::int64_t n = 0;
      if (o["filledshares"].get_string().get(filled) == simdjson::SUCCESS)
        s.filled = std::stoll(std::string(filled));
      else if (o["filledshares"].get_int64().get(n) == simdjson::SUCCESS)
        s.filled = n;
      out.push_back(s);
    }
    return out;
  }
  // Moves the order to the ask at the broker, so it fills there and then.
  void make_marketable(const std::string& key) {
    const auto& o = state.orders.at(key);
    brokers::modify_request m;
    m.broker_id = o.broker_id;
    m.instrument = option;
    m.symbol = inst().symbol;
    m.qty = o.qty;
    m.price_paise = quote().ask;
    REQUIRE(run(client->modify_order(m)).ok());
  }
  void poll() {
    bool done = false;
    boost::asio::co_spawn(io, executor->poll_once(), [&done](std::exception_ptr e) {
      if (e) std::rethrow_exception(e);
      done = true;
    });
    REQUIRE(run_until([&] { return done; }));
  }

  std::vector<ev::order_filled> fills_of(const std::string& key) {
    REQUIRE(journal->sync().ok());
    std::vector<ev::order_filled> out;
    auto r =
        storage::read_journal(journal_dir.path(), 0, [&](const ev::event& e) -> strike::status {
          if (auto* f = std::get_if<ev::order_filled>(&e.body); f && f->order == key)
            out.push_back(*f);
          return {};
        });
    REQUIRE(r.ok());
    return out;
  }
};

}  // namespace strike::test
