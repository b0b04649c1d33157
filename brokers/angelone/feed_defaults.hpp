// Angel One's WebSocket numbers (protocol fact sheet, sections 7.1, 7.2 and 8), kept in one
// place: the feed URLs, the heartbeat the official JS SDK keeps (the docs ask for a text "ping"
// at least every 30 s; the SDK sends one every 10 s and gives up on a connection silent for
// more than 20 s), and the reconnect backoff we use.
#pragma once

#include <cstdint>
#include <string_view>

#include "brokers/ws/ws_link.hpp"

namespace strike::brokers::angelone {

inline constexpr std::string_view smart_stream_url = "wss://smartapisocket.angelone.in/smart-stream";
inline constexpr std::string_view order_update_url = "wss://tns.angelone.in/smart-order-update";

inline constexpr std::int64_t feed_ping_interval_ns = 10'000'000'000;    // text "ping"
inline constexpr std::int64_t feed_silence_timeout_ns = 20'000'000'000;  // no message: reconnect
inline constexpr std::int64_t feed_connect_timeout_ns = 10'000'000'000;  // TCP + TLS + upgrade
inline constexpr std::int64_t feed_backoff_initial_ns = 500'000'000;
inline constexpr std::int64_t feed_backoff_max_ns = 30'000'000'000;
inline constexpr std::int64_t feed_backoff_jitter_percent = 25;
// A market feed with no tick for this long during the session is reported stale.
inline constexpr std::int64_t feed_stale_after_ns = 30'000'000'000;

inline ws::link_options default_link_options() {
  ws::link_options o;
  o.ping_interval_ns = feed_ping_interval_ns;
  o.silence_timeout_ns = feed_silence_timeout_ns;
  o.timeouts.open_ns = feed_connect_timeout_ns;
  o.timeouts.idle_timeout_ns = feed_silence_timeout_ns;
  o.backoff = {feed_backoff_initial_ns, feed_backoff_max_ns, feed_backoff_jitter_percent};
  return o;
}

}  // namespace strike::brokers::angelone
