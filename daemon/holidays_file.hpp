// The trading-holiday file (TOML: years, holidays, special_sessions; see
// core/session/nse_holidays.toml). That file is compiled into striked as the default; config
// [session] holidays_file names a replacement.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include "base/result.hpp"
#include "core/session/session_calendar.hpp"
#include "core/session/trading_calendar.hpp"

namespace strike::daemon {

struct session_section;

// The text of core/session/nse_holidays.toml as it was at build time.
std::string_view default_holidays_text();

// Parses holiday-file text. On failure the error lists every problem, one per line, as
// "name:line:column: message".
result<core::trading_calendar> parse_holidays(std::string_view text, const std::string& name);
// Reads and parses a holiday file.
result<core::trading_calendar> load_holidays(const std::filesystem::path& path);
// The built-in calendar (the embedded file always parses: a test holds it to that).
core::trading_calendar default_trading_calendar();

// The session calendar that config [session] describes: its holiday file (or the built-in
// one), its entry window and end-of-day exit, and the built-in NIFTY expiry rules merged with
// its expiry_weekdays.
result<core::session_calendar> make_session_calendar(const session_section& s);

}  // namespace strike::daemon
