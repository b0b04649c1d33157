#include <doctest/doctest.h>

#include <boost/asio/error.hpp>
#include <boost/asio/io_context.hpp>
#include <memory>
#include <vector>

#include "core/ist.hpp"
#include "daemon/clock_timer.hpp"

using namespace strike;
using daemon::clock_timer;
using daemon::virtual_time;

TEST_CASE("virtual timers fire in deadline order, each with the clock at its own deadline") {
  boost::asio::io_context io;
  core::virtual_clock clock(1'000);
  virtual_time time(clock);
  clock_timer a(io, time), b(io, time), c(io, time);
  std::vector<std::pair<char, std::int64_t>> fired;
  a.async_wait_until(3'000, [&](boost::system::error_code ec) {
    CHECK_FALSE(ec);
    fired.push_back({'a', clock.now_ns()});
  });
  b.async_wait_until(2'000, [&](boost::system::error_code ec) {
    CHECK_FALSE(ec);
    fired.push_back({'b', clock.now_ns()});
  });
  c.async_wait_until(9'000, [&](boost::system::error_code) {
    fired.push_back({'c', clock.now_ns()});
  });
  CHECK(time.next_deadline() == 2'000);
  time.advance_to(5'000);
  CHECK(fired == std::vector<std::pair<char, std::int64_t>>{{'b', 2'000}, {'a', 3'000}});
  CHECK(clock.now_ns() == 5'000);
  CHECK(c.waiting());
  CHECK(time.next_deadline() == 9'000);
}

TEST_CASE("a virtual timer re-armed by its own handler fires again within the same advance") {
  boost::asio::io_context io;
  core::virtual_clock clock(0);
  virtual_time time(clock);
  clock_timer tick(io, time);
  std::vector<std::int64_t> at;
  std::function<void(boost::system::error_code)> every_second = [&](boost::system::error_code ec) {
    if (ec) return;
    at.push_back(clock.now_ns());
    tick.async_wait_for(core::ns_per_s, every_second);
  };
  tick.async_wait_for(core::ns_per_s, every_second);
  time.advance_to(3 * core::ns_per_s + 5);
  CHECK(at == std::vector<std::int64_t>{core::ns_per_s, 2 * core::ns_per_s, 3 * core::ns_per_s});
  CHECK(tick.deadline() == 4 * core::ns_per_s);
}

TEST_CASE("cancelling a wait hands its handler operation_aborted through the reactor") {
  boost::asio::io_context io;
  core::virtual_clock clock(0);
  virtual_time time(clock);
  clock_timer t(io, time);
  boost::system::error_code got;
  bool called = false;
  t.async_wait_until(100, [&](boost::system::error_code ec) { got = ec, called = true; });
  CHECK(t.cancel());
  CHECK_FALSE(called);
  io.run();
  CHECK(called);
  CHECK(got == boost::asio::error::operation_aborted);
  time.advance_to(200);
  CHECK(time.waiting() == 0);
  CHECK_FALSE(t.cancel());
}

TEST_CASE("a deadline already reached completes at once through the reactor") {
  boost::asio::io_context io;
  core::virtual_clock clock(500);
  virtual_time time(clock);
  clock_timer t(io, time);
  bool fired = false;
  t.async_wait_until(400, [&](boost::system::error_code ec) { fired = !ec; });
  CHECK_FALSE(fired);
  io.run();
  CHECK(fired);
}

TEST_CASE("on the system clock a timer fires once the clock reads its deadline") {
  boost::asio::io_context io;
  core::system_clock clock;
  clock_timer t(io, clock);
  const std::int64_t deadline = clock.now_ns() + 20 * core::ns_per_ms;
  std::int64_t seen = 0;
  t.async_wait_until(deadline, [&](boost::system::error_code ec) {
    CHECK_FALSE(ec);
    seen = clock.now_ns();
  });
  io.run();
  CHECK(seen >= deadline);
}

TEST_CASE("on a scaled clock a timer waits the market time divided by the speed") {
  boost::asio::io_context io;
  const std::int64_t market_start = core::ist_time_ns({2025, 10, 20}, 9 * 60);
  core::scaled_clock clock(market_start, 1000.0);
  clock_timer t(io, clock);
  // Ten market seconds: ten real milliseconds at 1000x.
  const std::int64_t deadline = market_start + 10 * core::ns_per_s;
  std::int64_t seen = 0;
  t.async_wait_until(deadline, [&](boost::system::error_code ec) {
    CHECK_FALSE(ec);
    seen = clock.now_ns();
  });
  io.run();
  CHECK(seen >= deadline);
}

TEST_CASE("destroying a waiting timer aborts its wait and nothing fires later") {
  boost::asio::io_context io;
  core::system_clock clock;
  boost::system::error_code got;
  {
    auto t = std::make_unique<clock_timer>(io, clock);
    t->async_wait_for(0, [&](boost::system::error_code ec) { got = ec; });
  }
  io.run();
  CHECK(got == boost::asio::error::operation_aborted);
}
