// striked session DATE [--config FILE]: the session calendar's answer for one IST date, as JSON.
#include <cstdio>
#include <string>

#include "core/clock.hpp"
#include "core/session/session_calendar.hpp"
#include "daemon/commands/commands.hpp"
#include "daemon/config.hpp"
#include "daemon/exit_codes.hpp"
#include "daemon/holidays_file.hpp"
#include "base/json_writer.hpp"

namespace strike::daemon {
namespace {

// "2025-10-20T09:15:00+05:30"
std::string ist_text(core::civil_date d, int minutes) {
  char buf[40];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:00+05:30", d.year, d.month, d.day,
                minutes / 60, minutes % 60);
  return buf;
}

// The weekly expiry on or after d and, when a holiday pulled it earlier, the nominal date.
void write_expiry(base::json_writer& w, const core::session_calendar& cal, core::civil_date d) {
  const auto& rules = cal.expiry_rules();
  const core::civil_date expiry = cal.next_weekly_expiry(d);
  std::int64_t nominal = core::days_from_civil(expiry);
  auto is_nominal = [&](std::int64_t day) {
    const core::civil_date c = core::civil_from_days(day);
    return core::weekday(c) == core::expiry_weekday_on(rules, c);
  };
  while (!is_nominal(nominal)) ++nominal;
  w.key("next_weekly_expiry").value(core::format_date(expiry));
  w.key("days_to_expiry").value(cal.days_to_expiry(d));
  w.key("trading_days_to_expiry").value(cal.trading_days_to_expiry(d));
  w.key("expiry_weekday")
      .value(core::weekday_name(core::expiry_weekday_on(rules, core::civil_from_days(nominal))));
  w.key("expiry_moved_from");
  if (nominal != core::days_from_civil(expiry))
    w.value(core::format_date(core::civil_from_days(nominal)));
  else
    w.null();
}

std::string describe(const core::session_calendar& cal, core::civil_date d) {
  const auto& h = cal.hours();
  const bool trading = cal.is_trading_day(d);
  std::string out;
  base::json_writer w(out);
  w.begin_object();
  w.key("date").value(core::format_date(d));
  w.key("weekday").value(core::weekday_name(core::weekday(d)));
  w.key("trading_day").value(trading);
  w.key("reason").value(trading ? (cal.days().special(d)
                                       ? "special session: " + cal.days().special(d)->name
                                       : std::string("weekday"))
                                : cal.days().closed_reason(d));
  // Without a holiday list for the year only weekends are known to be closed.
  w.key("holidays_known").value(cal.days().covers(d));
  w.key("session");
  if (trading) {
    w.begin_object();
    w.key("pre_open").value(ist_text(d, h.pre_open));
    w.key("open").value(ist_text(d, h.open));
    w.key("entry_start").value(ist_text(d, h.entry_start));
    w.key("entry_end").value(ist_text(d, h.entry_end));
    w.key("eod_exit").value(ist_text(d, h.eod_exit));
    w.key("close").value(ist_text(d, h.close));
    w.end_object();
  } else {
    w.null();
  }
  w.key("previous_trading_day").value(core::format_date(cal.days().previous_trading_day(d)));
  w.key("next_trading_day").value(core::format_date(cal.days().next_trading_day(d)));

  write_expiry(w, cal, d);
  w.end_object();
  return out;
}

}  // namespace

int session_command(args& a) {
  const auto config_path = a.option("--config");
  const auto rest = a.positionals();
  if (rest.size() != 1) {
    std::fprintf(stderr,
                 "usage: striked session DATE [--config FILE]   (DATE is YYYY-MM-DD or today)\n");
    return exit_code::usage;
  }
  core::civil_date date;
  if (rest[0] == "today") {
    date = core::ist_date(core::system_clock().now_ns());
  } else if (auto d = core::parse_date(rest[0])) {
    date = *d;
  } else {
    std::fprintf(stderr, "striked session: '%s' is not a date YYYY-MM-DD\n", rest[0].c_str());
    return exit_code::usage;
  }

  session_section section;
  if (config_path) {
    auto cfg = load_config(*config_path);
    if (!cfg) {
      std::fprintf(stderr, "%s\n", cfg.error().message.c_str());
      return exit_code::usage;
    }
    section = cfg->session;
  }
  auto cal = make_session_calendar(section);
  if (!cal) {
    std::fprintf(stderr, "striked session: %s\n", cal.error().message.c_str());
    return exit_code::usage;
  }
  std::printf("%s\n", describe(*cal, date).c_str());
  return exit_code::ok;
}

}  // namespace strike::daemon
