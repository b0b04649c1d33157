#include <cstdio>

#include "daemon/commands/commands.hpp"
#include "daemon/exit_codes.hpp"
#include "events/event.hpp"

namespace strike::daemon {

int events_command(args& a) {
  if (auto extra = a.unused()) {
    std::fprintf(stderr, "striked events: unexpected argument '%s'\n", extra->c_str());
    return exit_code::usage;
  }
  for (auto name : events::type_names())
    std::printf("%.*s\n", static_cast<int>(name.size()), name.data());
  return exit_code::ok;
}

}  // namespace strike::daemon
