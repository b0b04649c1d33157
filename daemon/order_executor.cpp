#include "daemon/order_executor.hpp"

#include <spdlog/spdlog.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <cstdlib>

#include "base/failure_probes.hpp"
#include "brokers/broker_error.hpp"
#include "core/trading/risk.hpp"

namespace strike::daemon {

namespace asio = boost::asio;
namespace ev = strike::events;
using core::order_status;

order_executor::order_executor(asio::io_context& io, core::bus& bus, const core::state& state,
                               storage::journal& journal, brokers::broker& broker,
                               executor_config config)
    : io_(io),
      bus_(bus),
      state_(state),
      journal_(journal),
      broker_(broker),
      config_(config),
      poll_timer_(io) {}

void order_executor::publish(ev::payload body, core::publish_options options) {
  if (auto r = bus_.publish(std::move(body), std::move(options)); !r)
    SPDLOG_ERROR("executor: cannot journal: {}", r.error().message);
}

void order_executor::after_durable(std::int64_t seq, std::function<asio::awaitable<void>()> work) {
  // The side effect waits until the event that asked for it is on disk, so a crash can never
  // leave an order at the broker that the journal does not know was requested.
  const auto journaled = std::chrono::steady_clock::now();
  journal_.when_durable(seq, [this, journaled, work = std::move(work)](const status& s) mutable {
    asio::post(io_, [this, s, journaled, work = std::move(work)]() mutable {
      if (!s) {
        SPDLOG_ERROR("executor: not sending: {}", s.error().message);
        return;
      }
      if (config_.on_journal_wait)
        config_.on_journal_wait(std::chrono::duration_cast<std::chrono::nanoseconds>(
                                    std::chrono::steady_clock::now() - journaled)
                                    .count());
      asio::co_spawn(io_, work(), asio::detached);
    });
  });
}

void order_executor::attach() {
  bus_.subscribe<ev::order_submitted>(
      "executor.submit", [this](const ev::event& e, const ev::order_submitted& s) {
        // The request is built while its event waits for the disk, once the reactor is done
        // with what published it (the decision), so neither the decision nor the send waits
        // for the building. Posted first, it runs before the send.
        auto prepared = std::make_shared<std::optional<brokers::order_request>>();
        asio::post(io_, [this, prepared, key = s.order, attempt = s.attempt] {
          *prepared = prepare(key, attempt);
        });
        after_durable(e.env.seq, [this, key = s.order, attempt = s.attempt, prepared] {
          return send(key, attempt, std::move(*prepared));
        });
        if (!polling_) asio::co_spawn(io_, poll_loop(), asio::detached);
      });
  bus_.subscribe<ev::order_modify_requested>(
      "executor.modify", [this](const ev::event& e, const ev::order_modify_requested& m) {
        after_durable(e.env.seq, [this, key = m.order] { return modify(key); });
      });
  bus_.subscribe<ev::order_accepted>(
      "executor.accepted", [this](const ev::event& e, const ev::order_accepted& a) {
        // A cancel asked for before the broker had given the order an id goes out now.
        auto it = state_.orders.find(a.order);
        if (it != state_.orders.end() && it->second.pending == core::order_pending::cancel &&
            !core::is_terminal(it->second.status))
          after_durable(e.env.seq, [this, key = a.order] { return cancel(key); });
      });
  bus_.subscribe<ev::order_cancel_requested>(
      "executor.cancel", [this](const ev::event& e, const ev::order_cancel_requested& c) {
        after_durable(e.env.seq, [this, key = c.order] { return cancel(key); });
      });
}

const core::order_record* order_executor::sendable(const std::string& key,
                                                   std::int64_t attempt) const {
  auto it = state_.orders.find(key);
  // Only the latest submission of an order still waiting for an answer is sent.
  if (it == state_.orders.end() || it->second.status != order_status::submitted ||
      it->second.attempts != attempt)
    return nullptr;
  return &it->second;
}

std::optional<brokers::order_request> order_executor::prepare(const std::string& key,
                                                              std::int64_t attempt) const {
  const core::order_record* o = sendable(key, attempt);
  if (o == nullptr) return std::nullopt;
  auto r = order_request_for(*o, key, config_.product);
  broker_.prepare_order(r);
  return r;
}

asio::awaitable<void> order_executor::send(std::string key, std::int64_t attempt,
                                           std::optional<brokers::order_request> prepared) {
  const in_flight_guard busy{in_flight_};
  const core::order_record* o = sendable(key, attempt);
  if (o == nullptr) co_return;
  if (o->pending == core::order_pending::cancel) {
    publish(ev::order_cancelled{key, 0, "cancelled before it was sent"},
            {.key = key + "/cancelled", .corr = key});
    co_return;
  }
  // A submission's terms stay as they were prepared while it is sendable (a modify needs the
  // broker's id, which an unsent order has not got); were they to move, the request is rebuilt.
  brokers::order_request r = prepared && same_terms(*prepared, *o)
                                 ? std::move(*prepared)
                                 : order_request_for(*o, key, config_.product);
  const auto sent = std::chrono::steady_clock::now();
  auto ack = co_await broker_.place_order(std::move(r));
  if (config_.on_round_trip)
    config_.on_round_trip(std::chrono::duration_cast<std::chrono::nanoseconds>(
                              std::chrono::steady_clock::now() - sent)
                              .count());
  if (base::probes::hit(base::probes::point::order_after_send)) std::_Exit(86);
  if (ack) {
    publish(ev::order_accepted{key, ack->broker_id}, {.key = key + "/accepted", .corr = key});
  } else if (brokers::is_failure(ack.error(), ev::failure_kind::rejected) &&
             !brokers::outcome_unknown(ack.error())) {
    publish(ev::order_rejected{key, "rejected", ack.error().message},
            {.key = key + "/rejected", .corr = key});
  } else {
    publish(ev::order_outcome_unknown{key, "place", ack.error().message}, {.corr = key});
    asio::co_spawn(io_, resolve(key), asio::detached);
  }
}

asio::awaitable<void> order_executor::resolve(std::string key) {
  const in_flight_guard busy{in_flight_};
  if (!resolving_.insert(key).second) co_return;
  for (int round = 0; !stopped_; ++round) {
    auto it = state_.orders.find(key);
    if (it == state_.orders.end() || it->second.status != order_status::unknown) break;
    auto found = co_await broker_.find_order_by_tag(key);
    if (found && *found) {
      publish(ev::order_accepted{key, (*found)->broker_id},
              {.key = key + "/accepted", .corr = key});
      apply_update(**found, std::nullopt, "poll");
      break;
    }
    if (found && it->second.pending == core::order_pending::cancel) {
      publish(ev::order_cancelled{key, 0, "cancelled before it reached the broker"},
              {.key = key + "/cancelled", .corr = key});
      break;
    }
    if (found && it->second.purpose == ev::purpose::entry) {
      if (auto v = core::trading::entry_still_current(state_, it->second); !v.approved) {
        publish(
            ev::order_cancelled{key, 0, "never reached the broker; not sent again: " + v.reason},
            {.key = key + "/cancelled", .corr = key});
        break;
      }
    }
    if (found) {  // the broker proves it has no such order: now, and only now, send again
      publish(
          ev::order_submitted{key, it->second.order_type, it->second.price_paise,
                              it->second.trigger_paise, it->second.qty, it->second.attempts + 1},
          {.corr = key});
      break;
    }
    SPDLOG_WARN("executor: order {} outcome still unknown ({}); looking again", key,
                found.error().message);
    asio::steady_timer wait(io_);
    wait.expires_after(config_.poll_interval * (1 << std::min(round, 5)));
    boost::system::error_code ec;
    co_await wait.async_wait(asio::redirect_error(asio::use_awaitable, ec));
  }
  resolving_.erase(key);
}

asio::awaitable<void> order_executor::modify(std::string key) {
  const in_flight_guard busy{in_flight_};
  auto it = state_.orders.find(key);
  if (it == state_.orders.end() || core::is_terminal(it->second.status) ||
      it->second.pending != core::order_pending::modify)
    co_return;
  const core::order_record& o = it->second;
  if (o.broker_id.empty()) {
    publish(ev::order_outcome_unknown{key, "modify", "the order has no broker id yet"},
            {.corr = key});
    co_return;
  }
  brokers::modify_request r;
  r.broker_id = o.broker_id;
  r.instrument = o.instrument;
  r.symbol = o.symbol;
  r.type = o.pending_type;
  r.product = config_.product;
  r.qty = o.pending_qty > 0 ? o.pending_qty : o.qty;
  r.price_paise = o.pending_type == ev::order_type::market ? 0 : o.pending_price_paise;
  r.trigger_paise = o.pending_trigger_paise;
  r.urgent = o.purpose != ev::purpose::entry;
  const auto type = r.type;
  const auto price = r.price_paise;
  const auto qty = r.qty;
  const auto trigger = r.trigger_paise;
  auto ack = co_await broker_.modify_order(std::move(r));
  if (ack) {
    publish(ev::order_modified{key, type, price, qty, trigger}, {.corr = key});
    co_return;
  }
  publish(ev::order_outcome_unknown{key, "modify", ack.error().message}, {.corr = key});
  // A refusal is usually "it is complete" (or cancelled): the books say which, now, rather than
  // the ladder modifying an order that no longer works.
  if (brokers::is_failure(ack.error(), ev::failure_kind::rejected)) poll_soon();
}

asio::awaitable<void> order_executor::cancel(std::string key) {
  const in_flight_guard busy{in_flight_};
  auto it = state_.orders.find(key);
  if (it == state_.orders.end() || core::is_terminal(it->second.status)) co_return;
  if (it->second.broker_id.empty()) {
    // Its place is still in flight (or being looked up): the cancel stays pending in the state
    // and goes out when the order is accepted, or the order is dropped if it never got there.
    SPDLOG_INFO("executor: cancel of {} waits for the broker's order id", key);
    co_return;
  }
  // A named request, not a braced temporary: GCC 12 mishandles temporaries in co_await
  // operands (the frame frees them twice).
  brokers::cancel_request request{it->second.broker_id, it->second.order_type};
  auto ack = co_await broker_.cancel_order(std::move(request));
  if (!ack) publish(ev::order_outcome_unknown{key, "cancel", ack.error().message}, {.corr = key});
  // Whether it took or not, the broker's books say what happened, fills first.
  poll_soon();
}

void order_executor::resume() {
  std::vector<std::string> unknown, pending_modify, pending_cancel;
  for (const auto& [key, o] : state_.orders) {
    if (o.status == order_status::submitted || o.status == order_status::unknown)
      unknown.push_back(key);
    else if (o.pending == core::order_pending::modify)
      pending_modify.push_back(key);
    else if (o.pending == core::order_pending::cancel)
      pending_cancel.push_back(key);
  }
  for (const auto& key : unknown) {
    // Sent or maybe sent before the restart: find out at the broker, by the tag.
    if (state_.orders.at(key).status == order_status::submitted)
      publish(ev::order_outcome_unknown{key, "place",
                                        "the daemon restarted before the broker answered"},
              {.corr = key});
    asio::co_spawn(io_, resolve(key), asio::detached);
  }
  for (const auto& key : pending_modify) asio::co_spawn(io_, modify(key), asio::detached);
  for (const auto& key : pending_cancel) asio::co_spawn(io_, cancel(key), asio::detached);
  if (has_working_orders() && !polling_) asio::co_spawn(io_, poll_loop(), asio::detached);
}

void order_executor::stop() {
  stopped_ = true;
  poll_timer_.cancel();
}

}  // namespace strike::daemon
