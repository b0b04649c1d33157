#include "core/session/session_hours.hpp"

#include <cstdio>
#include <iterator>
#include <string_view>

namespace strike::core {

std::string check(const session_hours& h) {
  struct step {
    const char* name;
    int minutes;
  };
  const step steps[] = {{"pre_open", h.pre_open},       {"open", h.open},
                        {"entry_start", h.entry_start}, {"entry_end", h.entry_end},
                        {"eod_exit", h.eod_exit},       {"close", h.close}};
  for (const auto& s : steps)
    if (s.minutes < 0 || s.minutes >= 24 * 60)
      return std::string(s.name) + " " + std::to_string(s.minutes) + " is not a time of day";
  for (std::size_t i = 1; i < std::size(steps); ++i) {
    // The entry window must not be empty; the other steps may coincide.
    const bool strict = std::string_view(steps[i].name) == "entry_end";
    const bool ok =
        strict ? steps[i - 1].minutes < steps[i].minutes : steps[i - 1].minutes <= steps[i].minutes;
    if (!ok)
      return std::string(steps[i].name) + " (" + format_minutes(steps[i].minutes) + ") must come " +
             (strict ? "after " : "at or after ") + steps[i - 1].name + " (" +
             format_minutes(steps[i - 1].minutes) + ")";
  }
  return {};
}

std::string format_minutes(int minutes) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "%02d:%02d", minutes / 60 % 100, minutes % 60);
  return buf;
}

}  // namespace strike::core
