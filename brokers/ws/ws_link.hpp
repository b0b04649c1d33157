// A WebSocket feed's connection that stays up: it connects, keeps a heartbeat, notices silence,
// and reconnects with exponential backoff and jitter after any failure, for as long as it runs.
// What to connect to and what to do with messages is the owner's (a link_owner): the link
// knows no feed protocol.
//
// Heartbeat: the text message "ping" every `ping_interval_ns`. A connection from which no
// message (of any kind) arrived for `silence_timeout_ns` is closed and replaced; Beast's idle
// timeout with keep-alive control pings (ws_connection.hpp) catches a dead transport as well.
//
// Reconnects: the first retry after a connection that worked waits about backoff.initial_ns;
// each failed attempt doubles the wait up to backoff.max_ns, each spread by the jitter. A
// reconnect the owner asks for (new session tokens) goes at once.
//
// Events through the sink: FeedConnected on every connect, FeedDisconnected when a connection
// that was up goes down (failed attempts while down are logged, not journaled).
//
// Outgoing messages wait in a bounded queue (queue_limit). Overflow policy: the connection is
// dropped and replaced, since the owner restores its state on every connect anyway.
//
// Reactor thread only. Coroutines hold the link's state alive; the owner must outlive the link's
// activity: call stop() and let the reactor drain before destroying the owner.
#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>

#include "brokers/backoff.hpp"
#include "brokers/event_sink.hpp"
#include "brokers/ws/ws_connection.hpp"
#include "brokers/ws/ws_target.hpp"

namespace boost::asio::ssl {
class context;
}

namespace strike::brokers::ws {

// The timing has no defaults here: each broker's feed sets its own (Angel One's are in
// brokers/angelone/feed_defaults.hpp). Every duration must be positive.
struct link_options {
  std::string feed_name = "market";          // FeedConnected.feed: "market" or "orders"
  ws_timeouts timeouts;
  std::int64_t ping_interval_ns = 0;
  std::int64_t silence_timeout_ns = 0;
  backoff_policy backoff{0, 0, 0};
  std::uint64_t jitter_seed = 0;             // 0: from std::random_device
  std::size_t queue_limit = 1024;            // outgoing messages waiting
};

class link_owner {
 public:
  virtual ~link_owner() = default;
  // Where to connect now, with the current session's tokens; may wait for a session. An error
  // counts as a failed attempt.
  virtual boost::asio::awaitable<result<ws_request>> prepare() = 0;
  // The upgrade was refused as unauthorised (HTTP 401/403) with the tokens of `generation`.
  virtual void on_refused(std::uint64_t generation, const error& why) = 0;
  // Connected: queue what the server must be told (subscriptions). Returns how many
  // subscriptions that restores, for FeedConnected.
  virtual std::int64_t on_open() = 0;
  // A whole message; `data` lives until the handler returns.
  virtual void on_message(const ws_message& m) = 0;
  // The connection went down (after on_open); reason is for people.
  virtual void on_down(std::string_view reason) = 0;
};

class link {
 public:
  link(boost::asio::any_io_executor ex, std::shared_ptr<boost::asio::ssl::context> tls, link_options options,
       link_owner& owner, event_sink sink);
  ~link();
  link(const link&) = delete;
  link& operator=(const link&) = delete;

  void start();
  // Closes the connection (gracefully, bounded) and stops reconnecting. The owner is not called
  // after this returns.
  void stop();
  // Drops the current connection, if any, and connects again at once.
  void reconnect(std::string reason);
  // Queues a text message on the current connection; false when there is none (it will be
  // restored by on_open at the next connect) or the queue overflowed (the connection is dropped).
  bool send_text(std::string text);

  bool connected() const;
  std::int64_t connects() const;
  std::int64_t reconnects() const;
  // The generation of the tokens the current (or last) connection used.
  std::uint64_t generation() const;

  struct state;

 private:
  std::shared_ptr<state> state_;
};

}  // namespace strike::brokers::ws
