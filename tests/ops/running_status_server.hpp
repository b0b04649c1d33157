// A status_server on its own reactor thread, as the daemon runs it. Questions about its state
// are asked on that thread; the destructor closes it there and joins (which also proves that
// close() ends every connection: the reactor runs out of work).
#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <future>
#include <stdexcept>
#include <thread>

#include "daemon/status_server.hpp"

namespace strike::test {

class running_status_server {
 public:
  running_status_server(daemon::status_server_options options, daemon::status_server::handler h)
      : server_(io_, std::move(options), std::move(h)) {
    auto bound = server_.listen();
    if (!bound) throw std::runtime_error(bound.error().message);
    port_ = *bound;
    thread_ = std::thread([this] { io_.run(); });
  }
  ~running_status_server() {
    boost::asio::post(io_, [this] { server_.close(); });
    thread_.join();
  }
  running_status_server(const running_status_server&) = delete;
  running_status_server& operator=(const running_status_server&) = delete;

  std::uint16_t port() const { return port_; }

  template <class F>
  auto on_reactor(F f) {
    std::packaged_task<decltype(f())()> task(std::move(f));
    auto done = task.get_future();
    boost::asio::post(io_, [&task] { task(); });
    return done.get();
  }

  std::size_t connections() { return on_reactor([this] { return server_.connections(); }); }
  void close() {
    on_reactor([this] {
      server_.close();
      return 0;
    });
  }

 private:
  boost::asio::io_context io_;
  daemon::status_server server_;
  std::uint16_t port_ = 0;
  std::thread thread_;
};

}  // namespace strike::test
