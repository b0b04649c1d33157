// A small HTTP/1.1 server for the daemon's status pages (/healthz, /metrics, the dashboard). It
// runs as coroutines on the reactor's io_context and answers every GET with whatever the handler
// returns for the path; it never touches the daemon's state itself. A response may be a stream
// (server-sent events): the server then asks it for more every stream_poll until either side
// closes.
//
// With a bearer token every request must carry it: "Authorization: Bearer TOKEN", or the cookie
// a browser gets by opening "/?token=TOKEN" once (it is then sent back to "/" without the token
// in its address). Tokens are compared in constant time; anything else gets 401.
//
// Limits: every read and write has io_timeout (a silent or slow client is closed, including an
// idle keep-alive connection); the request line and headers, and any body, are at most
// max_request_bytes each (a longer request closes the connection unanswered); at most
// max_connections are served at once, and a connection beyond that is answered
// "503 Service Unavailable" at once, without waiting on the client, and closed. Methods other
// than GET get "405 Method Not Allowed".
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "base/result.hpp"

namespace boost::asio {
class io_context;
}

namespace strike::daemon {

struct status_request {
  std::string_view path;   // without the query
  std::string_view query;  // after '?', undecoded; empty when none
};

struct status_response {
  int status = 200;
  std::string content_type = "text/plain; charset=utf-8";
  std::string body;
  // Set for a stream: the body is written first, then what more() returns each time it is asked
  // (empty: nothing new), until the client goes or the server closes.
  std::function<std::string()> more;
};

struct status_server_options {
  std::string address = "127.0.0.1";  // an IP literal
  std::uint16_t port = 0;             // 0: a free port, see port()
  std::size_t max_connections = 16;
  std::chrono::milliseconds io_timeout{10'000};
  std::size_t max_request_bytes = 8 * 1024;
  std::string bearer_token;  // empty: no authentication (loopback only)
  std::chrono::milliseconds stream_poll{200};
  std::chrono::milliseconds stream_keepalive{15'000};  // a comment line when nothing was sent
};

class status_server {
 public:
  // The handler runs on io's thread, once per GET; if it throws, the client gets a 500.
  using handler = std::function<status_response(const status_request&)>;

  // io and whatever the handler uses must outlive the server. Destroy the server on io's thread,
  // or after io has stopped, and before io itself.
  status_server(boost::asio::io_context& io, status_server_options options, handler h);
  ~status_server();
  status_server(const status_server&) = delete;
  status_server& operator=(const status_server&) = delete;

  // Binds, listens and starts accepting on io. Returns the bound port (the chosen one when
  // options.port is 0). Fails when the address is not an IP literal or the port is taken.
  result<std::uint16_t> listen();
  // The bound port; 0 before listen() succeeded.
  std::uint16_t port() const;
  // Connections being served now (on io's thread).
  std::size_t connections() const;
  // Stops accepting and closes every open connection (on io's thread). The handler is not
  // called again. Idempotent.
  void close();

  struct state;  // defined in the .cpp

 private:
  std::shared_ptr<state> state_;
};

}  // namespace strike::daemon
