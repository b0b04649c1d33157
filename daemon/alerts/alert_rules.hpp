// Which journaled events raise an alert, and what the alert says. Pure: the same event gives
// the same alert.
#pragma once

#include <optional>
#include <set>
#include <string>
#include <vector>

#include "daemon/alerts/alert.hpp"
#include "events/event.hpp"

namespace strike::daemon {

class alert_rules {
 public:
  // types: the event type names that raise one (checked by the config reader); mode names the
  // daemon in every message ("paper", "live").
  alert_rules(const std::vector<std::string>& types, std::string mode);

  // The alert for e, or nothing. Some events of a listed type are not worth one: a flatten
  // that ended flat, and the alert sinks' own errors (which would feed on themselves).
  std::optional<alert> alert_for(const events::event& e) const;

  // The catalogue indices of the types that may raise one.
  const std::set<std::size_t>& types() const { return types_; }

 private:
  std::set<std::size_t> types_;
  std::string prefix_;
};

}  // namespace strike::daemon
