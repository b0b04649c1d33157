// Where a WebSocket feed connects and what it sends with the upgrade request.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/result.hpp"

namespace strike::brokers::ws {

struct ws_url {
  std::string host;
  std::uint16_t port = 443;
  std::string target = "/";  // path and query
  // "wss://host:port/path": the URL without its query, which may carry secrets (the feed
  // token in SmartStream's browser form). Safe for logs and events.
  std::string printable() const;
};

// Only wss:// URLs: the feeds never speak plain ws.
result<ws_url> parse_ws_url(std::string_view text);

struct ws_request {
  ws_url url;
  std::vector<std::pair<std::string, std::string>> headers;  // values may be secret
  std::uint64_t generation = 0;  // the session generation whose tokens these are
};

}  // namespace strike::brokers::ws
