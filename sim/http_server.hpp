// One HTTP/1.1 listener (plain or TLS) that hands each request to a handler and writes its
// response, honouring the response's delay and reply mode (drop, empty body). Keep-alive,
// 30-second read and write timeouts, 1 MiB request bodies at most. Runs as coroutines on the
// io_context it is given; Beast stays inside the .cpp.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "base/result.hpp"
#include "sim/http_types.hpp"

namespace boost::asio {
class io_context;
namespace ssl {
class context;
}
}  // namespace boost::asio

namespace strike::sim {

class stream_hub;

class http_server {
 public:
  using handler = std::function<http_response(const http_request&)>;

  // tls: the server context for HTTPS, or null for plain HTTP. io, tls and the handler must
  // outlive the server; the handler runs on io's thread.
  http_server(boost::asio::io_context& io, listener_kind kind, handler h,
              boost::asio::ssl::context* tls);
  ~http_server();

  // Binds and starts accepting; port 0 picks a free port. Returns the bound port.
  result<std::uint16_t> listen(const std::string& address, std::uint16_t port);
  // Serves WebSocket upgrades on the feed paths through hub (ws_server.hpp); hub must outlive
  // the server.
  void serve_websockets(stream_hub& hub);
  // Stops accepting (call on io's thread). Open connections end when io stops.
  void close();

  struct state;  // defined in the .cpp

 private:
  std::shared_ptr<state> state_;
};

}  // namespace strike::sim
