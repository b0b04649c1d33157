// A local HTTP(S) receiver for alerts: it records every request (target, Authorization header,
// body) and answers each with the next queued status, 200 when none is queued. Plain HTTP, or
// TLS with a fresh self-signed certificate for 127.0.0.1 (certificate_pem() is its CA file).
// Runs on its own thread.
#pragma once

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "sim/tls_identity.hpp"

namespace strike::test {

struct received_request {
  std::string target;
  std::string authorization;
  std::string body;
};

class alert_receiver {
 public:
  struct reply {
    unsigned status = 200;
    std::string body = R"({"ok":true})";
  };

  explicit alert_receiver(bool tls = false) : tls_(tls) {
    namespace asio = boost::asio;
    using asio::ip::tcp;
    if (tls_) {
      auto id = sim::make_self_signed_identity();
      if (!id) throw std::runtime_error(id.error().message);
      cert_pem_ = id->certificate_pem;
      ssl_.use_certificate_chain(asio::buffer(id->certificate_pem));
      ssl_.use_private_key(asio::buffer(id->private_key_pem), asio::ssl::context::pem);
    }
    const tcp::endpoint where(asio::ip::make_address("127.0.0.1"), 0);
    acceptor_.open(where.protocol());
    acceptor_.set_option(tcp::acceptor::reuse_address(true));
    acceptor_.bind(where);
    acceptor_.listen();
    port_ = acceptor_.local_endpoint().port();
    asio::co_spawn(io_, accept_loop(), asio::detached);
    thread_ = std::thread([this] { io_.run(); });
  }

  ~alert_receiver() {
    io_.stop();
    thread_.join();
  }

  std::uint16_t port() const { return port_; }
  std::string url(const std::string& path = "/alerts") const {
    return std::string(tls_ ? "https" : "http") + "://127.0.0.1:" + std::to_string(port_) + path;
  }
  const std::string& certificate_pem() const { return cert_pem_; }

  void push(reply r) {
    std::lock_guard lock(mu_);
    replies_.push_back(std::move(r));
  }
  // Every later request is answered with status.
  void always(unsigned status) {
    std::lock_guard lock(mu_);
    always_ = status;
  }

  // Waits until at least n requests have arrived (or the timeout); returns what has.
  std::vector<received_request> wait_for(std::size_t n, std::chrono::milliseconds timeout) {
    std::unique_lock lock(mu_);
    arrived_.wait_for(lock, timeout, [&] { return got_.size() >= n; });
    return got_;
  }
  std::vector<received_request> received() {
    std::lock_guard lock(mu_);
    return got_;
  }

 private:
  using tcp = boost::asio::ip::tcp;

  reply next(received_request r) {
    std::lock_guard lock(mu_);
    got_.push_back(std::move(r));
    arrived_.notify_all();
    if (always_) return {always_, "{}"};
    if (replies_.empty()) return {};
    auto out = replies_.front();
    replies_.pop_front();
    return out;
  }

  template <class Stream>
  boost::asio::awaitable<void> exchange(Stream& stream) {
    namespace bhttp = boost::beast::http;
    namespace asio = boost::asio;
    boost::system::error_code ec;
    boost::beast::flat_buffer buffer;
    for (;;) {
      bhttp::request<bhttp::string_body> req;
      co_await bhttp::async_read(stream, buffer, req,
                                 asio::redirect_error(asio::use_awaitable, ec));
      if (ec) co_return;
      const auto r = next(
          {std::string(req.target()), std::string(req[bhttp::field::authorization]), req.body()});
      bhttp::response<bhttp::string_body> res{static_cast<bhttp::status>(r.status), 11};
      res.set(bhttp::field::content_type, "application/json");
      res.keep_alive(req.keep_alive());
      res.body() = r.body;
      res.prepare_payload();
      co_await bhttp::async_write(stream, res, asio::redirect_error(asio::use_awaitable, ec));
      if (ec || !req.keep_alive()) co_return;
    }
  }

  boost::asio::awaitable<void> serve(tcp::socket socket) {
    namespace asio = boost::asio;
    namespace beast = boost::beast;
    if (!tls_) {
      beast::tcp_stream stream(std::move(socket));
      co_await exchange(stream);
      co_return;
    }
    beast::ssl_stream<beast::tcp_stream> stream(std::move(socket), ssl_);
    boost::system::error_code ec;
    co_await stream.async_handshake(asio::ssl::stream_base::server,
                                    asio::redirect_error(asio::use_awaitable, ec));
    if (!ec) co_await exchange(stream);
  }

  boost::asio::awaitable<void> accept_loop() {
    namespace asio = boost::asio;
    for (;;) {
      boost::system::error_code ec;
      tcp::socket socket =
          co_await acceptor_.async_accept(asio::redirect_error(asio::use_awaitable, ec));
      if (ec) co_return;
      asio::co_spawn(io_, serve(std::move(socket)), asio::detached);
    }
  }

  bool tls_;
  boost::asio::io_context io_;
  boost::asio::ssl::context ssl_{boost::asio::ssl::context::tls_server};
  tcp::acceptor acceptor_{io_};
  std::uint16_t port_ = 0;
  std::string cert_pem_;
  std::mutex mu_;
  std::condition_variable arrived_;
  std::deque<reply> replies_;
  unsigned always_ = 0;
  std::vector<received_request> got_;
  std::thread thread_;
};

}  // namespace strike::test
