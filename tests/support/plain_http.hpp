// A blocking plain-HTTP/1.1 request over loopback, for tests that talk to the simulator's admin
// endpoint and the daemon's status endpoint. One connection per request; the kernel's 10 s
// socket timeouts make a broken server fail a test, not hang it.
#pragma once

#include <sys/socket.h>
#include <sys/time.h>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http.hpp>
#include <cstdint>
#include <string>

namespace strike::test {

struct plain_reply {
  unsigned status = 0;  // 0: no reply
  std::string body;
};

inline plain_reply plain_request(std::uint16_t port, const std::string& method,
                                 const std::string& target, const std::string& body = "") {
  namespace http = boost::beast::http;
  boost::asio::io_context io;
  boost::asio::ip::tcp::socket stream(io);
  boost::system::error_code ec;
  stream.connect(boost::asio::ip::tcp::endpoint(boost::asio::ip::make_address("127.0.0.1"), port),
                 ec);
  if (ec) return {};
  // Blocking reads and writes ignore Asio deadlines; the kernel's timeouts bound them.
  timeval limit{10, 0};
  ::setsockopt(stream.native_handle(), SOL_SOCKET, SO_RCVTIMEO, &limit, sizeof limit);
  ::setsockopt(stream.native_handle(), SOL_SOCKET, SO_SNDTIMEO, &limit, sizeof limit);
  http::request<http::string_body> req{http::string_to_verb(method), target, 11};
  req.set(http::field::host, "127.0.0.1");
  req.set(http::field::content_type, "application/json");
  req.body() = body;
  req.prepare_payload();
  http::write(stream, req, ec);
  if (ec) return {};
  boost::beast::flat_buffer buffer;
  http::response<http::string_body> res;
  http::read(stream, buffer, res, ec);
  if (ec) return {};
  return {res.result_int(), std::move(res.body())};
}

}  // namespace strike::test
