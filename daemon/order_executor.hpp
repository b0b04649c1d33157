// The order executor: the one place orders leave the process. It sends what the trading
// engine journaled — OrderSubmitted, OrderModifyRequested, OrderCancelRequested — once that
// event is durable, and journals what the broker answers: acceptance, rejection, fills (with
// their charges), cancellations, or an outcome nobody knows, which it then resolves by looking
// the order's tag up at the broker, never by sending again blind.
//
// Runs on the reactor (one io_context thread); broker calls are coroutines on it. The bus,
// state, journal and broker outlive the executor.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <functional>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "brokers/broker.hpp"
#include "core/bus.hpp"
#include "core/state.hpp"
#include "core/trading/charges.hpp"
#include "daemon/order_requests.hpp"
#include "storage/journal.hpp"

namespace strike::daemon {

struct executor_config {
  core::trading::charge_rates charges;
  brokers::product product = brokers::product::carryforward;
  std::chrono::milliseconds poll_interval{1000};  // order and trade book polling while orders work
  // Each placement's time from the request to the broker's answer (for /metrics).
  std::function<void(std::int64_t ns)> on_round_trip;
  // Each request's wait, from its event being journaled to its being sent: the durability wait
  // (group commit) and the reactor's turn (for /metrics, apart from the decision).
  std::function<void(std::int64_t ns)> on_journal_wait;
};

class order_executor {
 public:
  order_executor(boost::asio::io_context& io, core::bus& bus, const core::state& state,
                 storage::journal& journal, brokers::broker& broker, executor_config config);

  // Subscribes to the order requests on the bus.
  void attach();
  // After recovery: resolves orders a restart left in flight (sent or maybe sent, modifies and
  // cancels not yet confirmed) and starts polling.
  void resume();
  // Stops polling; requests in flight finish on their own.
  void stop();
  // No request of the executor's is in flight (for an orderly teardown).
  bool idle() const { return *in_flight_ == 0; }

  // Journals what a broker update says about one of our orders: a fill (by the broker's trade
  // id, so a fill reported twice is recorded once, and never past the order's quantity or what
  // the broker says is filled) and the status. Fills come from the trade book ("poll",
  // "reconcile") or the paper book ("paper"); an order-update ("stream") with a fill prompts
  // a read of the books instead. A second order under one of our tags is adopted and cancelled.
  void apply_update(const brokers::order_info& order,
                    const std::optional<brokers::trade_info>& trade, const std::string& source);

  // Runs one polling round now (also what the timer does); with always, even when no order
  // is working (a late fill of an ended order).
  boost::asio::awaitable<void> poll_once(bool always = false);

 private:
  // The record of an order whose submission `attempt` may still be sent; null otherwise.
  const core::order_record* sendable(const std::string& key, std::int64_t attempt) const;
  // The request for that submission, prepared by the broker; nullopt when it is not sendable.
  std::optional<brokers::order_request> prepare(const std::string& key, std::int64_t attempt) const;
  boost::asio::awaitable<void> send(std::string key, std::int64_t attempt,
                                    std::optional<brokers::order_request> prepared);
  boost::asio::awaitable<void> modify(std::string key);
  boost::asio::awaitable<void> cancel(std::string key);
  boost::asio::awaitable<void> resolve(std::string key);
  boost::asio::awaitable<void> poll_loop();
  void after_durable(std::int64_t seq, std::function<boost::asio::awaitable<void>()> work);
  void publish(events::payload body, core::publish_options options = {});
  void publish_fill(const std::string& key, const brokers::trade_info& t,
                    std::int64_t broker_filled, const std::string& source);
  void adopt_duplicate(const brokers::order_info& info);
  void poll_soon();
  static std::vector<brokers::trade_info> with_fill_ids(
      const std::vector<brokers::trade_info>& trades, const std::string& broker_id);
  std::optional<std::string> key_of(const brokers::order_info& o) const;
  bool has_working_orders() const;

  boost::asio::io_context& io_;
  core::bus& bus_;
  const core::state& state_;
  storage::journal& journal_;
  brokers::broker& broker_;
  executor_config config_;
  boost::asio::steady_timer poll_timer_;
  std::set<std::string> resolving_;  // orders whose unknown outcome is being looked up
  bool stopped_ = false;
  bool polling_ = false;
  bool poll_wanted_ = false;   // a read of the books is owed
  bool poll_running_ = false;  // the reader is at work
  // Coroutines running or suspended. Shared with them: a suspended coroutine's frame may be
  // destroyed by its io_context after the executor is gone, and its guard must not touch freed
  // memory then.
  std::shared_ptr<int> in_flight_ = std::make_shared<int>(0);
  struct in_flight_guard {
    std::shared_ptr<int> n;
    explicit in_flight_guard(const std::shared_ptr<int>& count) : n(count) { ++*n; }
    ~in_flight_guard() { --*n; }
    in_flight_guard(const in_flight_guard&) = delete;
    in_flight_guard& operator=(const in_flight_guard&) = delete;
  };
};

}  // namespace strike::daemon
