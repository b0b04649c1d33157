// One read of a rate-limited resource (a broker's order book at one request a second) shared
// by everyone who wants it. A caller gets the result of a read that began after it asked, so
// it never sees a book older than its own question; callers who ask while a read is on the
// wire share the next one. At most one read is in flight and one owed, so demand above the
// rate limit folds into the reads the limit allows instead of queueing without end behind it.
//
// Reactor thread only; the reader and this object must outlive every read.
#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <functional>
#include <memory>
#include <optional>
#include <utility>

namespace strike::brokers {

// A value that arrives later, awaited by any number of coroutines.
template <class T>
class one_shot {
 public:
  explicit one_shot(boost::asio::any_io_executor ex)
      : done_(ex, boost::asio::steady_timer::time_point::max()) {}

  void set(T value) {
    value_ = std::move(value);
    done_.cancel();
  }

  boost::asio::awaitable<T> wait() {
    while (!value_) {
      boost::system::error_code ignored;
      co_await done_.async_wait(boost::asio::redirect_error(boost::asio::use_awaitable, ignored));
    }
    co_return *value_;
  }

 private:
  boost::asio::steady_timer done_;
  std::optional<T> value_;
};

template <class T>
class coalesced_read {
 public:
  using reader = std::function<boost::asio::awaitable<T>()>;

  coalesced_read(boost::asio::any_io_executor ex, reader read)
      : ex_(std::move(ex)), read_(std::move(read)) {}

  boost::asio::awaitable<T> get() {
    if (!owed_) owed_ = std::make_shared<one_shot<T>>(ex_);
    auto mine = owed_;
    if (!running_) {
      running_ = true;
      boost::asio::co_spawn(ex_, run(), boost::asio::detached);
    }
    co_return co_await mine->wait();
  }

 private:
  boost::asio::awaitable<void> run() {
    while (owed_) {
      auto round = std::exchange(owed_, nullptr);
      round->set(co_await read_());
    }
    running_ = false;
  }

  boost::asio::any_io_executor ex_;
  reader read_;
  std::shared_ptr<one_shot<T>> owed_;  // the next read, joined by whoever asks before it starts
  bool running_ = false;
};

}  // namespace strike::brokers
