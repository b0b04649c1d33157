// What the status endpoint serves: GET /healthz (JSON, 200 when healthy, 503 when not, so
// `curl -f` and load balancers can test it), GET /metrics (Prometheus text format 0.0.4), and
// the dashboard: GET / (a page that watches the two below), GET /api/state (the health and the
// state as JSON) and GET /events (the newest journaled events as server-sent events, filtered
// by ?type=A,B and starting with the last ?n=); 404 for any other path.
#pragma once

#include <functional>
#include <string>
#include <string_view>

#include "daemon/status_server.hpp"

namespace strike::daemon {

struct health_page {
  bool healthy = false;
  std::string json;
};

inline constexpr const char* prometheus_content_type = "text/plain; version=0.0.4; charset=utf-8";

// Each runs on the server's thread (the reactor), once per request.
struct page_sources {
  std::function<health_page()> health;
  std::function<std::string()> metrics;
  std::function<std::string()> state;  // /api/state; none: 404
  // A stream of /events for a query; none: 404.
  std::function<std::function<std::string()>(std::string_view query)> events;
};

status_server::handler status_pages(page_sources sources);

}  // namespace strike::daemon
