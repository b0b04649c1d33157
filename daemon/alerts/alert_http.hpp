// One HTTP(S) POST for the alert sinks, on a private io_context that the calling thread runs
// until the reply or the deadline. Plain http:// is allowed here (a webhook on the host's own
// loopback, a local relay); https:// verifies the server as the broker clients do.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "base/result.hpp"

namespace boost::asio {
class io_context;
namespace ssl {
class context;
}
}  // namespace boost::asio

namespace strike::daemon {

struct http_target {
  bool tls = false;
  std::string host;  // IPv6 without brackets
  std::uint16_t port = 0;
  std::string path = "/";  // with the query, if any
};

// Parses an http:// or https:// URL.
result<http_target> parse_http_target(const std::string& url);

struct http_reply {
  unsigned status = 0;
  std::string body;
};

// Errors name the host, never the path (a Telegram path holds the bot's token).
result<http_reply> post_json(boost::asio::io_context& io, const http_target& to,
                             const std::string& body,
                             const std::vector<std::pair<std::string, std::string>>& headers,
                             const std::shared_ptr<boost::asio::ssl::context>& tls,
                             std::int64_t timeout_ns);

}  // namespace strike::daemon
