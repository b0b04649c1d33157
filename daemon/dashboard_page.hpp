// The dashboard at GET /: one page, everything inline (no script, style or font fetched from
// anywhere), read-only. It reads /api/state every second and follows /events.
#pragma once

#include <string_view>

namespace strike::daemon {

extern const std::string_view dashboard_html;

}  // namespace strike::daemon
