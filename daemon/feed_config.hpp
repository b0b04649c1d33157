// The [feeds] section of config.toml: where the broker's WebSocket feeds are and how they keep
// their connections (heartbeat, silence, reconnect backoff, stale-feed reporting), and the
// Angel One feed options made from it. TLS trust comes from [broker] ca_file.
#pragma once

#include <cstdint>
#include <string>

#include "brokers/angelone/order_feed/order_update_feed.hpp"
#include "brokers/angelone/smartstream/smartstream_feed.hpp"
#include "daemon/broker_config.hpp"

namespace strike::daemon {

class toml_reader;

struct feeds_section {
  std::string stream_url = "wss://127.0.0.1:8443/smart-stream";        // the simulator's
  std::string order_url = "wss://127.0.0.1:8443/smart-order-update";
  bool query_auth = false;  // SmartStream credentials in the query instead of headers
  std::int64_t ping_interval_ms = brokers::angelone::feed_ping_interval_ns / 1'000'000;
  std::int64_t silence_timeout_ms = brokers::angelone::feed_silence_timeout_ns / 1'000'000;
  std::int64_t connect_timeout_ms = brokers::angelone::feed_connect_timeout_ns / 1'000'000;
  std::int64_t backoff_initial_ms = brokers::angelone::feed_backoff_initial_ns / 1'000'000;
  std::int64_t backoff_max_ms = brokers::angelone::feed_backoff_max_ns / 1'000'000;
  std::int64_t backoff_jitter_percent = brokers::angelone::feed_backoff_jitter_percent;
  std::int64_t stale_after_ms = brokers::angelone::feed_stale_after_ns / 1'000'000;
  std::int64_t rejection_report_ms = 60'000;
};

void read_feeds(toml_reader r, feeds_section& f);

brokers::angelone::smartstream::feed_options stream_options(const feeds_section& f, const broker_section& b);
brokers::angelone::order_feed_options order_options(const feeds_section& f, const broker_section& b);

}  // namespace strike::daemon
