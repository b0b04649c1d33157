#include "daemon/status_pages.hpp"

#include "daemon/dashboard_page.hpp"

namespace strike::daemon {

status_server::handler status_pages(page_sources sources) {
  return [s = std::move(sources)](const status_request& request) -> status_response {
    const auto path = request.path;
    if (path == "/healthz") {
      auto h = s.health();
      return {h.healthy ? 200 : 503, "application/json", std::move(h.json) + "\n", {}};
    }
    if (path == "/metrics") return {200, prometheus_content_type, s.metrics(), {}};
    if (path == "/" && s.state)
      return {200, "text/html; charset=utf-8", dashboard_page(s.state()), {}};
    if (path == "/api/state" && s.state) return {200, "application/json", s.state() + "\n", {}};
    if (path == "/events" && s.events)
      return {200, "text/event-stream", "retry: 2000\n\n", s.events(request.query)};
    return {404, "text/plain; charset=utf-8", "not found; try /, /healthz or /metrics\n", {}};
  };
}

}  // namespace strike::daemon
