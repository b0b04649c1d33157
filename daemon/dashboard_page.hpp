// The dashboard at GET /: one page, everything inline (no script, style or font fetched from
// anywhere), read-only. It reads /api/state every second and follows /events.
#pragma once

#include <string>
#include <string_view>

namespace strike::daemon {

extern const std::string_view dashboard_html;

// The page with state_json (what /api/state says now) inside it, so it draws at once.
std::string dashboard_page(const std::string& state_json);

}  // namespace strike::daemon
