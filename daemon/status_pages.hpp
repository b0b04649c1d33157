// What the status endpoint serves: GET /healthz (JSON, 200 when healthy, 503 when not, so
// `curl -f` and load balancers can test it) and GET /metrics (Prometheus text format 0.0.4);
// 404 for any other path.
#pragma once

#include <functional>
#include <string>

#include "daemon/status_server.hpp"

namespace strike::daemon {

struct health_page {
  bool healthy = false;
  std::string json;
};

inline constexpr const char* prometheus_content_type = "text/plain; version=0.0.4; charset=utf-8";

// Both functions run on the server's thread (the reactor), once per request.
status_server::handler status_pages(std::function<health_page()> health, std::function<std::string()> metrics);

}  // namespace strike::daemon
