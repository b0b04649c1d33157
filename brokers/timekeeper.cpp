#include "brokers/timekeeper.hpp"

#include <boost/asio/post.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <chrono>

namespace strike::brokers {

namespace asio = boost::asio;

std::int64_t real_timekeeper::steady_ns() const {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

asio::awaitable<void> real_timekeeper::wait(std::int64_t ns) {
  if (ns <= 0) co_return;
  asio::steady_timer timer(co_await asio::this_coro::executor);
  timer.expires_after(std::chrono::nanoseconds(ns));
  boost::system::error_code ec;
  co_await timer.async_wait(asio::redirect_error(asio::use_awaitable, ec));
}

asio::awaitable<void> virtual_timekeeper::wait(std::int64_t ns) {
  if (ns > 0) {
    clock_.advance_by(ns);
    waited_ns_ += ns;
    ++waits_;
  }
  co_await asio::post(co_await asio::this_coro::executor, asio::use_awaitable);
}

}  // namespace strike::brokers
