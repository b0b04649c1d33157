// A plain HTTP/1.1 client for tests of the status endpoint: one TCP connection on 127.0.0.1,
// driven on its own io_context so every operation has a deadline (a broken server fails the
// test instead of hanging it).
#pragma once

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

namespace strike::test {

struct http_reply {
  int status = 0;
  std::string content_type;
  std::string allow;
  bool keep_alive = false;
  std::string body;
};

class http_test_client {
 public:
  static constexpr std::chrono::seconds deadline{20};

  explicit http_test_client(std::uint16_t port) : stream_(io_) {
    namespace asio = boost::asio;
    boost::system::error_code ec;
    stream_.expires_after(deadline);
    stream_.async_connect(asio::ip::tcp::endpoint(asio::ip::make_address("127.0.0.1"), port),
                          [&](boost::system::error_code e) { ec = e; });
    run();
    connected_ = !ec;
  }

  bool connected() const { return connected_; }

  // Sends one request and reads its reply; nullopt when the connection failed or was closed.
  std::optional<http_reply> request(const std::string& target, boost::beast::http::verb method = boost::beast::http::verb::get,
                                    const std::string& body = {}, const std::string& extra_header = {}) {
    namespace http = boost::beast::http;
    http::request<http::string_body> req{method, target, 11};
    req.set(http::field::host, "127.0.0.1");
    if (!extra_header.empty()) req.set("X-Test", extra_header);
    if (!body.empty()) req.body() = body;
    req.prepare_payload();
    boost::system::error_code ec;
    stream_.expires_after(deadline);
    http::async_write(stream_, req, [&](boost::system::error_code e, std::size_t) { ec = e; });
    run();
    if (ec) return std::nullopt;
    return read_reply();
  }

  // Reads one reply without sending anything.
  std::optional<http_reply> read_reply() {
    namespace http = boost::beast::http;
    http::response<http::string_body> res;
    boost::system::error_code ec;
    stream_.expires_after(deadline);
    http::async_read(stream_, buffer_, res, [&](boost::system::error_code e, std::size_t) { ec = e; });
    run();
    if (ec) return std::nullopt;
    return http_reply{static_cast<int>(res.result_int()), std::string(res[http::field::content_type]),
                      std::string(res[http::field::allow]), res.keep_alive(), res.body()};
  }

  // Sends raw bytes (for malformed or oversized requests).
  bool send_raw(const std::string& bytes) {
    boost::system::error_code ec;
    stream_.expires_after(deadline);
    boost::asio::async_write(stream_, boost::asio::buffer(bytes), [&](boost::system::error_code e, std::size_t) { ec = e; });
    run();
    return !ec;
  }

  // Waits until the server closes the connection: true on end of stream (or reset) with
  // nothing read; false when bytes arrive or the deadline passes first.
  bool closed_by_server() {
    char byte = 0;
    boost::system::error_code ec;
    std::size_t n = 0;
    stream_.expires_after(deadline);
    stream_.async_read_some(boost::asio::buffer(&byte, 1), [&](boost::system::error_code e, std::size_t k) {
      ec = e;
      n = k;
    });
    run();
    return n == 0 && ec && ec != boost::beast::error::timeout;
  }

  void close() { stream_.close(); }

 private:
  void run() {
    io_.restart();
    io_.run();
  }

  boost::asio::io_context io_;
  boost::beast::tcp_stream stream_;
  boost::beast::flat_buffer buffer_;
  bool connected_ = false;
};

}  // namespace strike::test
