// An HTTPS client for one server (the broker's API host), asynchronous on the reactor. It keeps
// up to max_idle connections alive between requests and reuses them, opening new ones as
// concurrent requests need. TLS verification is always on (tls_context.hpp).
//
// Each request has one deadline covering connect, handshake, send and reply. Failures are
// http::errc errors (http_types.hpp) saying whether the server may have received the request.
//
// Single-threaded: use it from the reactor thread only. It must outlive every send() it
// started; shutdown() makes sends in flight fail promptly.
#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <cstdint>
#include <memory>
#include <vector>

#include "brokers/http/http_types.hpp"
#include "brokers/http/url.hpp"

namespace boost::asio::ssl {
class context;
}

namespace strike::brokers::http {

class https_connection;

struct client_options {
  std::size_t max_idle = 4;  // connections kept for reuse
  std::int64_t idle_timeout_ns = 30'000'000'000;  // an idle connection older than this is closed
  std::uint64_t body_limit = 256ull << 20;        // largest reply body accepted
};

struct client_stats {
  std::int64_t requests = 0;
  std::int64_t connections_opened = 0;
  std::int64_t reused = 0;         // requests sent over a kept-alive connection
  std::int64_t stale_retries = 0;  // idempotent requests resent after a reused one was dead
};

class https_client {
 public:
  https_client(boost::asio::any_io_executor ex, std::shared_ptr<boost::asio::ssl::context> tls,
               url server, client_options options = {});
  ~https_client();
  https_client(const https_client&) = delete;
  https_client& operator=(const https_client&) = delete;

  boost::asio::awaitable<result<response>> send(request req, std::int64_t timeout_ns);

  // Closes idle connections and aborts those in use; later sends fail with errc::shut_down.
  void shutdown();

  const url& server() const { return server_; }
  const client_stats& stats() const { return stats_; }

 private:
  std::unique_ptr<https_connection> take_idle(std::int64_t now_ns);
  void give_back(std::unique_ptr<https_connection> c, std::int64_t now_ns);

  boost::asio::any_io_executor ex_;
  std::shared_ptr<boost::asio::ssl::context> tls_;
  url server_;
  std::string host_header_;
  client_options options_;
  std::vector<std::unique_ptr<https_connection>> idle_;
  std::vector<https_connection*> busy_;
  client_stats stats_;
  bool shut_down_ = false;
};

}  // namespace strike::brokers::http
