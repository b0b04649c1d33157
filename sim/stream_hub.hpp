// The simulator's two WebSocket services, free of the network: SmartStream (/smart-stream)
// streams binary ticks for every subscribed (token, mode) from the tick source, and the order
// feed (/smart-order-update) pushes a JSON update for every change the matching engine reports.
// The WebSocket server (ws_server.hpp) authorises each upgrade here, attaches the connection as
// a stream_peer and passes its text messages in; the reactor calls pump() on its timer.
//
// SmartStream: an upgrade needs a client code and a live session's feed token, in headers
// (x-client-code, x-feed-token) or the query (clientCode, feedToken); x-api-key / apiKey and
// Authorization (with or without "Bearer ") are checked when present. Refusals are HTTP 401
// with x-error-message as the real service words it; more than 3 connections per client code
// and feed is HTTP 429. Text "ping" is answered "pong"; subscribe/unsubscribe JSON as in the
// fact sheet, section 7.3 (E1001 for a bad payload, E1002 past 1000 (token, mode) pairs).
// A subscription gets the current tick at once, then one per market second during the session.
//
// Order feed: "Authorization: Bearer <jwt>" of a live session (401 unknown, 403 expired); first
// message AB00, then one per order change of that client code.
//
// Faults (stream_faults.hpp) are drawn per frame sent. Not thread-safe: the reactor calls it.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "core/clock.hpp"
#include "sim/faults.hpp"
#include "sim/http_types.hpp"
#include "sim/matching_engine.hpp"
#include "sim/sessions.hpp"
#include "sim/sim_config.hpp"
#include "sim/stream_ticks.hpp"

namespace strike::sim {

enum class feed_path { market, orders };
inline constexpr std::string_view smart_stream_path = "/smart-stream";
inline constexpr std::string_view order_update_path = "/smart-order-update";
std::optional<feed_path> feed_path_of(std::string_view path);

struct upgrade_refusal {
  unsigned status = 401;
  std::string message;  // x-error-message
};

// One accepted WebSocket connection, as the hub drives it.
class stream_peer {
 public:
  virtual ~stream_peer() = default;
  virtual void send(std::string_view bytes, bool binary) = 0;
  // Closes the connection at once, without a closing handshake.
  virtual void drop() = 0;
  // Sends and answers nothing (control pings included) for real_ms.
  virtual void stall(std::int64_t real_ms) = 0;
};

struct stream_counts {
  std::int64_t market_connections = 0, order_connections = 0, subscriptions = 0;
  std::int64_t ticks_sent = 0, updates_sent = 0, faults = 0;
};

class stream_hub {
 public:
  stream_hub(const sim_config& cfg, const session_store& sessions, market& mkt,
             matching_engine& engine, faults& f, const core::clock& market_clock);

  // nullopt when the upgrade may proceed; client_code is then set.
  std::optional<upgrade_refusal> authorize(feed_path p, const http_request& upgrade,
                                           std::string& client_code);
  // The peer must stay valid until detach(). Returns the connection's id.
  std::uint64_t attach(feed_path p, const std::string& client_code, stream_peer& peer);
  void detach(std::uint64_t id);
  void on_text(std::uint64_t id, std::string_view text);
  // Sends the ticks of a new market second.
  void pump();

  stream_counts counts() const;

 private:
  struct subscription {
    const instrument* inst = nullptr;
    std::int64_t last_second = -1;  // market second of the last tick sent
  };
  using sub_key =
      std::tuple<std::uint8_t, std::string, std::uint8_t>;  // exchange type, token, mode
  struct connection {
    feed_path path;
    std::string client_code;
    stream_peer* peer;
    std::map<sub_key, subscription> subs;
    bool dropped = false;  // closed by a fault: its peer is gone as soon as the server notices
  };

  std::optional<upgrade_refusal> authorize_market(const http_request& r,
                                                  std::string& client_code) const;
  std::optional<upgrade_refusal> authorize_orders(const http_request& r,
                                                  std::string& client_code) const;
  const account* account_by_code(std::string_view code) const;
  void subscribe(connection& c, std::string_view text);
  void send_tick(connection& c, const sub_key& key, subscription& s, std::int64_t now);
  // Sends one frame through the faults; false when the connection was dropped.
  bool deliver(connection& c, std::string_view bytes, bool binary, bool tick);
  void on_order(const order& o);

  const sim_config& cfg_;
  const session_store& sessions_;
  market& market_;
  faults& faults_;
  const core::clock& market_clock_;
  tick_source ticks_;
  std::map<std::uint64_t, connection> connections_;
  std::uint64_t next_id_ = 1;
  std::string frame_;  // encoding buffer, reused
  splitmix64 garbage_;
  stream_counts counts_;
};

// The order-update message for o (order-status code, orderData with the order-book fields).
std::string order_update_json(const order& o);
// The greeting sent on connect: AB00 with an all-empty orderData.
std::string order_update_greeting(std::string_view client_code);

}  // namespace strike::sim
