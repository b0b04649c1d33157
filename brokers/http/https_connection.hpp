// One TLS connection to one server, kept alive across requests. Internal to https_client: it
// pulls in Beast, so include it only from .cpp files.
#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>
#include <chrono>
#include <cstdint>

#include "brokers/http/http_types.hpp"
#include "brokers/http/url.hpp"

namespace strike::brokers::http {

class https_connection {
 public:
  using deadline = std::chrono::steady_clock::time_point;

  https_connection(boost::asio::any_io_executor ex, boost::asio::ssl::context& tls);

  // Resolves, connects and completes the TLS handshake, verifying the certificate and that it
  // names server.host. Errors: connect_failed, tls_failed, connect_timeout.
  boost::asio::awaitable<status> open(const url& server, deadline by);

  // Sends req and reads the whole reply. On failure the connection must be dropped.
  // `nothing_back` is set when the failure came before any byte of the reply: on a reused
  // connection that is the mark of a server that had closed it while idle.
  boost::asio::awaitable<result<response>> exchange(const request& req, const std::string& host,
                                                    std::uint64_t body_limit, deadline by,
                                                    bool& nothing_back);

  // Whether the server allowed reuse and the socket shows no sign of having been closed.
  bool reusable() const;
  // Closes the socket; operations in flight fail at once.
  void close();

  std::int64_t idle_since_ns = 0;  // steady time of the last completed exchange
  std::int64_t exchanges = 0;

 private:
  boost::beast::ssl_stream<boost::beast::tcp_stream> stream_;
  boost::beast::flat_buffer buffer_;
  bool keep_alive_ = false;
};

}  // namespace strike::brokers::http
