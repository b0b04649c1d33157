#include "daemon/self_test_schedule.hpp"

#include <spdlog/spdlog.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <chrono>

namespace strike::daemon {

namespace ev = strike::events;
namespace asio = boost::asio;

namespace {
std::int64_t steady_now_ns() {
  return std::chrono::steady_clock::now().time_since_epoch().count();
}
}  // namespace

self_test_schedule::self_test_schedule(asio::io_context& io, const config& cfg, core::bus& bus,
                                       const core::state& state, broker_link& broker,
                                       const tick_clock_sample& last_tick)
    : io_(io), cfg_(cfg), bus_(bus), state_(state), broker_(broker), last_tick_(last_tick) {}

void self_test_schedule::attach() {
  bus_.subscribe<ev::session_pre_open>(
      "self_test.preopen", [this](const ev::event&, const ev::session_pre_open&) { due_ns_ = 0; });
  bus_.subscribe<ev::session_opened>(
      "self_test.open", [this](const ev::event&, const ev::session_opened&) { due_ns_ = 0; });
  // A test that failed for want of a connected feed runs again as soon as the feed connects,
  // not a retry interval later (30 s of real time is hours of a scaled market day).
  bus_.subscribe<ev::feed_connected>("self_test.feed",
                                     [this](const ev::event&, const ev::feed_connected& c) {
                                       if (c.feed == "market") due_ns_ = 0;
                                     });
}

void self_test_schedule::on_tick() {
  // The same for a test that found no tick yet: the first one is reason to test again.
  if (!state_.lifecycle.self_test_passed && last_failure_.starts_with("feed_ticks")) due_ns_ = 0;
}

void self_test_schedule::on_heartbeat() {
  const bool session_live = state_.session.phase == "open" || state_.session.phase == "pre_open";
  if (!session_live || state_.lifecycle.self_test_passed || running_ || steady_now_ns() < due_ns_)
    return;
  running_ = true;
  asio::co_spawn(io_, run(), asio::detached);
}

asio::awaitable<void> self_test_schedule::run() {
  // The skew limit is wall time; on a scaled clock the tick times it compares run `speed` times
  // faster, so a few milliseconds of delivery would read as seconds.
  auto limits = cfg_.runtime.self_test;
  if (cfg_.runtime.clock.kind == "scaled")
    limits.max_clock_skew_ms = static_cast<std::int64_t>(
        static_cast<double>(limits.max_clock_skew_ms) * cfg_.runtime.clock.speed);
  auto result = co_await run_self_test(broker_.orders(), &broker_.market_feed(), last_tick_,
                                       broker_.time().market_ns(), limits);
  running_ = false;
  if (result.passed || result.failed_check + result.detail != last_failure_)
    (void)bus_.publish(result);
  last_failure_ = result.passed ? "" : result.failed_check + result.detail;
  if (!result.passed) {
    SPDLOG_WARN("self-test failed at {}: {}", result.failed_check, result.detail);
    due_ns_ = steady_now_ns() + cfg_.runtime.self_test.retry_ms * core::ns_per_ms;
  }
}

}  // namespace strike::daemon
