// One WebSocket connection over TLS: resolve, connect, TLS handshake (certificate verified,
// its name checked), upgrade with the request's headers, then whole messages in and text
// messages out. Beast stays in the .cpp.
//
// Timeouts: `open` has one deadline for all its steps. After it, Beast's own WebSocket timeouts
// are set (its client defaults turn them off): the idle timeout closes a connection from which
// nothing, not even a pong, arrived for `idle_timeout_ns`, and keep-alive control pings go out
// at half that. Reads and writes then need no deadline of their own; the owner's heartbeat
// watches for silence at the message level on top.
//
// One read and one write may be outstanding at a time, on the executor's thread. close() ends
// both at once. The object must outlive its operations: hold it in a shared_ptr.
#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>

#include "brokers/ws/ws_target.hpp"
#include "base/result.hpp"

namespace boost::asio::ssl {
class context;
}

namespace strike::brokers::ws {

struct ws_timeouts {
  std::int64_t open_ns = 0;          // resolve + connect + TLS + upgrade; must be positive
  std::int64_t idle_timeout_ns = 0;  // must be positive
  std::size_t max_message_bytes = 64 * 1024;
};

// One received message. `data` lives until the next read.
struct ws_message {
  std::span<const std::uint8_t> data;
  bool text = false;
};

class ws_connection {
 public:
  ws_connection(boost::asio::any_io_executor ex, boost::asio::ssl::context& tls);
  ~ws_connection();
  ws_connection(const ws_connection&) = delete;
  ws_connection& operator=(const ws_connection&) = delete;

  // Errors are broker errors (broker_error.hpp): network, timeout, auth (upgrade refused with
  // 401 or 403), rate_limit (429), server (another refusal). Messages carry the server's
  // x-error-message, never a header value we sent.
  boost::asio::awaitable<status> open(const ws_request& request, const ws_timeouts& timeouts);
  // The HTTP status of a refused upgrade; 0 otherwise.
  unsigned refused_status() const { return refused_status_; }

  boost::asio::awaitable<result<ws_message>> read();
  boost::asio::awaitable<status> write_text(std::string_view text);
  // Sends a close frame and waits (bounded by the handshake timeout) for the peer's.
  boost::asio::awaitable<void> close_gracefully();
  // Closes the socket: operations in flight complete with an error.
  void close();
  bool is_open() const;

 private:
  struct impl;
  std::unique_ptr<impl> impl_;
  unsigned refused_status_ = 0;
};

}  // namespace strike::brokers::ws
