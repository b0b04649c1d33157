#include "daemon/alerts/alert.hpp"

#include "base/json_writer.hpp"
#include "core/ist.hpp"

namespace strike::daemon {

std::string_view to_string(alert_severity s) {
  switch (s) {
    case alert_severity::info:
      return "info";
    case alert_severity::warning:
      return "warning";
    case alert_severity::critical:
      return "critical";
  }
  return "warning";
}

std::string alert_json(const alert& a) {
  std::string out;
  base::json_writer w(out);
  w.begin_object();
  w.key("source").value("strike");
  w.key("type").value(a.type);
  w.key("severity").value(to_string(a.severity));
  w.key("text").value(a.text);
  w.key("seq").value(a.seq);
  w.key("ts").value(a.ts);
  w.key("time").value(a.ts ? core::format_ist(a.ts) : std::string());
  w.key("duplicates").value(a.duplicates);
  w.key("rate_limited").value(a.rate_limited);
  w.key("event");
  if (a.event_json.empty())
    w.null();
  else
    w.raw(a.event_json);
  w.end_object();
  return out;
}

std::string alert_message(const alert& a) {
  std::string out = a.text;
  if (a.duplicates > 0)
    out += " (and " + std::to_string(a.duplicates) + " more like it since the last message)";
  if (a.rate_limited > 0)
    out += " [" + std::to_string(a.rate_limited) + " other alerts held back by the rate limit]";
  return out;
}

}  // namespace strike::daemon
