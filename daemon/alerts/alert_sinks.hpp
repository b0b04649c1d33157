// Where alerts go. Each sink delivers one alert at a time, synchronously, on its own worker
// thread (sink_worker), within the configured timeout.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "base/result.hpp"
#include "daemon/alerts/alert.hpp"
#include "daemon/alerts/alerts_config.hpp"

namespace boost::asio::ssl {
class context;
}

namespace strike::daemon {

struct delivery_outcome {
  bool delivered = false;
  bool retry = false;               // a later attempt may succeed (network, 5xx, 429)
  std::int64_t retry_after_ns = 0;  // what the receiver asked for, when it said
  std::string error;                // without secrets
};

class alert_sink {
 public:
  virtual ~alert_sink() = default;
  virtual delivery_outcome deliver(const alert& a) = 0;
};

// The secrets (tokens) are read here, once: a source that cannot be read refuses the start.
// tls is used for https:// URLs and may be null when none is configured.
result<std::unique_ptr<alert_sink>> make_webhook_sink(
    const webhook_sink& cfg, std::shared_ptr<boost::asio::ssl::context> tls,
    std::int64_t timeout_ns);
result<std::unique_ptr<alert_sink>> make_telegram_sink(
    const telegram_sink& cfg, std::shared_ptr<boost::asio::ssl::context> tls,
    std::int64_t timeout_ns);
std::unique_ptr<alert_sink> make_command_sink(const command_sink& cfg, std::int64_t timeout_ns);

// How an HTTP reply counts: 2xx delivered; 408, 429 and 5xx worth a retry; other codes final.
delivery_outcome judge_http_status(unsigned status, const std::string& where);

}  // namespace strike::daemon
