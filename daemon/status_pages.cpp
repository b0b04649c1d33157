#include "daemon/status_pages.hpp"

namespace strike::daemon {

status_server::handler status_pages(std::function<health_page()> health, std::function<std::string()> metrics) {
  return [health = std::move(health), metrics = std::move(metrics)](std::string_view path) -> status_response {
    if (path == "/healthz") {
      auto h = health();
      return {h.healthy ? 200 : 503, "application/json", std::move(h.json) + "\n"};
    }
    if (path == "/metrics") return {200, prometheus_content_type, metrics()};
    return {404, "text/plain; charset=utf-8", "not found; try /healthz or /metrics\n"};
  };
}

}  // namespace strike::daemon
