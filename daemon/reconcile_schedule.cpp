#include "daemon/reconcile_schedule.hpp"

#include <spdlog/spdlog.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <utility>

#include "core/ist.hpp"

namespace strike::daemon {

namespace asio = boost::asio;
namespace ev = strike::events;

namespace {

// The end-of-day run starts this long (market time) before the exit.
constexpr std::int64_t end_of_day_lead_ns = 60 * core::ns_per_s;

}  // namespace

reconcile_schedule::reconcile_schedule(asio::io_context& io, core::bus& bus,
                                       const core::state& state, const core::clock& market_clock,
                                       brokers::broker& broker, brokers::timekeeper& time,
                                       order_executor& executor, reconcile_schedule_config config,
                                       std::function<void(const std::string&)> exit_position)
    : io_(io),
      bus_(bus),
      state_(state),
      market_clock_(market_clock),
      broker_(broker),
      time_(time),
      executor_(executor),
      config_(config),
      exit_position_(std::move(exit_position)),
      interval_timer_(io),
      end_of_day_timer_(io, market_clock) {}

reconcile_schedule::~reconcile_schedule() {
  stop();
}

void reconcile_schedule::attach() {
  bus_.subscribe<ev::feed_connected>("reconcile.feed",
                                     [this](const ev::event&, const ev::feed_connected& c) {
                                       if (c.feed == "orders" && c.reconnects > 0)
                                         request("orders feed reconnected");
                                     });
  bus_.subscribe<ev::authenticated>("reconcile.auth",
                                    [this](const ev::event&, const ev::authenticated& a) {
                                      request("authenticated by " + a.method);
                                    });
  bus_.subscribe<ev::session_opened>("reconcile.session",
                                     [this](const ev::event&, const ev::session_opened&) {
                                       if (started_ && !stopped_) arm_end_of_day();
                                     });
}

void reconcile_schedule::start() {
  started_ = true;
  arm_interval();
  arm_end_of_day();
}

void reconcile_schedule::stop() {
  stopped_ = true;
  interval_timer_.cancel();
  end_of_day_timer_.cancel();
}

bool reconcile_schedule::holds_anything() const {
  if (core::has_open_orders(state_)) return true;
  for (const auto& [key, p] : state_.positions)
    if (p.qty != 0) return true;
  return false;
}

void reconcile_schedule::arm_interval() {
  if (config_.interval_ns <= 0 || stopped_) return;
  interval_timer_.expires_after(std::chrono::nanoseconds(config_.interval_ns));
  interval_timer_.async_wait([this](boost::system::error_code ec) {
    if (ec || stopped_) return;
    if (holds_anything()) request("interval");
    arm_interval();
  });
}

void reconcile_schedule::arm_end_of_day() {
  if (stopped_ || state_.session.phase != "open") return;
  const std::int64_t now = market_clock_.now_ns();
  const std::int64_t at =
      core::ist_time_ns(core::ist_date(now), config_.eod_exit_minute) - end_of_day_lead_ns;
  if (at <= now) return;
  end_of_day_timer_.async_wait_until(at, [this](boost::system::error_code ec) {
    if (ec || stopped_) return;
    request("before the end-of-day exit");
  });
}

void reconcile_schedule::request(const std::string& trigger) {
  if (!started_ || stopped_) return;
  if (running_) {
    owed_ = trigger;
    return;
  }
  running_ = true;
  asio::co_spawn(io_, run(trigger), asio::detached);
}

asio::awaitable<void> reconcile_schedule::run(std::string trigger) {
  while (!stopped_) {
    const live_reconcile live{&time_, &memory_, config_.settle_ns};
    auto summary = co_await reconcile(bus_, state_, broker_, executor_, config_.policy, &live);
    if (stopped_) break;
    if (!summary) {
      SPDLOG_WARN("reconciliation ({}): {}; trying again at the next trigger", trigger,
                  summary.error().message);
    } else if (!summary->agreed) {
      SPDLOG_WARN(
          "reconciliation ({}): {} orders checked, {} fills adopted, {} orders closed, {} unknown "
          "positions",
          trigger, summary->orders_checked, summary->fills_adopted, summary->orders_closed,
          summary->positions_unknown);
      for (const auto& key : summary->to_flatten) exit_position_(key);
    } else {
      SPDLOG_DEBUG("reconciliation ({}): the journal and the broker agree", trigger);
    }
    if (owed_.empty()) break;
    trigger = std::exchange(owed_, {});
  }
  running_ = false;
}

}  // namespace strike::daemon
