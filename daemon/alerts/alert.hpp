// One alert: what a trader is told about one journaled event (or the day's summary), on its way
// to the sinks.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace strike::daemon {

enum class alert_severity { info, warning, critical };
std::string_view to_string(alert_severity s);

struct alert {
  std::string type;  // the event type, or "DaySummary"
  std::string key;   // alerts with the same key are duplicates of one another
  alert_severity severity = alert_severity::warning;
  std::string text;        // one line for people, without secrets
  std::int64_t seq = 0;    // the journaled event's seq; 0 for none
  std::int64_t ts = 0;     // the event's time, UTC ns
  std::string event_json;  // the event as journaled; empty for none
  // Counted since the last alert that went out: duplicates of this one, and alerts of any kind
  // held back by the rate limit.
  std::int64_t duplicates = 0;
  std::int64_t rate_limited = 0;
};

// The alert as the webhook and command sinks receive it: one JSON object.
std::string alert_json(const alert& a);
// The text with what was held back since the last alert, as the chat sinks show it.
std::string alert_message(const alert& a);

}  // namespace strike::daemon
