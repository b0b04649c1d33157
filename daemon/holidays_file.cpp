#include "daemon/holidays_file.hpp"

#include <toml++/toml.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <vector>

#include "daemon/config.hpp"
#include "base/file_io.hpp"

namespace strike::daemon {
namespace {

class holiday_parser {
 public:
  explicit holiday_parser(std::string name) : name_(std::move(name)) {}

  void fail(const toml::node* at, const std::string& message) {
    std::string where = name_;
    if (at) {
      const auto& src = at->source();
      where += ":" + std::to_string(src.begin.line) + ":" + std::to_string(src.begin.column);
    }
    errors_.push_back(where + ": " + message);
  }

  // One { date = YYYY-MM-DD, name = "..." } entry.
  template <class Entry>
  bool entry(const toml::node& node, Entry& out) {
    const auto* t = node.as_table();
    if (!t) {
      fail(&node, "expected { date = YYYY-MM-DD, name = \"...\" }");
      return false;
    }
    const auto* date = t->get("date");
    const auto* name = t->get("name");
    for (const auto& [key, value] : *t)
      if (key.str() != "date" && key.str() != "name")
        fail(&value, "unknown key '" + std::string(key.str()) + "'");
    if (!date || !date->as_date()) {
      fail(date ? date : &node, "date must be a TOML date like 2025-10-21 (no quotes)");
      return false;
    }
    if (!name || !name->as_string() || name->as_string()->get().empty()) {
      fail(name ? name : &node, "name must be a non-empty string");
      return false;
    }
    const toml::date d = date->as_date()->get();
    out.date = core::civil_date{d.year, d.month, d.day};
    out.name = name->as_string()->get();
    return true;
  }

  template <class Entry>
  std::vector<Entry> list(const toml::table& root, std::string_view key) {
    std::vector<Entry> out;
    const auto* node = root.get(key);
    if (!node) return out;
    const auto* arr = node->as_array();
    if (!arr) {
      fail(node, std::string(key) + " must be an array");
      return out;
    }
    for (const auto& item : *arr) {
      Entry e;
      if (entry(item, e)) out.push_back(std::move(e));
    }
    return out;
  }

  std::vector<int> years(const toml::table& root) {
    std::vector<int> out;
    const auto* node = root.get("years");
    if (!node || !node->as_array()) {
      fail(node, "years must be an array of the years the list covers, e.g. [2025, 2026]");
      return out;
    }
    for (const auto& item : *node->as_array()) {
      auto y = item.value<std::int64_t>();
      if (!y || *y < 1990 || *y > 2200)
        fail(&item, "expected a year");
      else
        out.push_back(static_cast<int>(*y));
    }
    return out;
  }

  // Every dated entry must be a weekday (holidays) or a weekend day (special sessions) of a
  // covered year: anything else is a typo in a date.
  void check_dates(const std::vector<core::market_holiday>& holidays,
                   const std::vector<core::special_session>& special,
                   const std::vector<int>& years) {
    auto covered = [&](int y) { return std::find(years.begin(), years.end(), y) != years.end(); };
    for (const auto& h : holidays) {
      const int wd = core::weekday(h.date);
      if (wd == 0 || wd == 6)
        errors_.push_back(name_ + ": holiday " + core::format_date(h.date) + " (" + h.name +
                          ") falls on a " + core::weekday_name(wd) + ": weekends need no entry");
      if (!covered(h.date.year))
        errors_.push_back(name_ + ": holiday " + core::format_date(h.date) +
                          " is in a year not listed in years");
    }
    for (const auto& s : special) {
      const int wd = core::weekday(s.date);
      if (wd != 0 && wd != 6)
        errors_.push_back(name_ + ": special session " + core::format_date(s.date) + " is a " +
                          core::weekday_name(wd) + ": weekdays trade anyway");
    }
  }

  std::vector<std::string> errors_;

 private:
  std::string name_;
};

}  // namespace

result<core::trading_calendar> parse_holidays(std::string_view text, const std::string& name) {
  toml::table root;
  try {
    root = toml::parse(text, name);
  } catch (const toml::parse_error& e) {
    const auto& src = e.source();
    return error{name + ":" + std::to_string(src.begin.line) + ":" +
                 std::to_string(src.begin.column) + ": " + std::string(e.description())};
  }
  holiday_parser p(name);
  for (const auto& [key, value] : root)
    if (key.str() != "years" && key.str() != "holidays" && key.str() != "special_sessions")
      p.fail(&value, "unknown key '" + std::string(key.str()) + "'");
  auto years = p.years(root);
  auto holidays = p.list<core::market_holiday>(root, "holidays");
  auto special = p.list<core::special_session>(root, "special_sessions");
  p.check_dates(holidays, special, years);
  if (!p.errors_.empty()) {
    std::string all;
    for (const auto& e : p.errors_) all += (all.empty() ? "" : "\n") + e;
    return error{all};
  }
  return core::trading_calendar(std::move(holidays), std::move(special), std::move(years));
}

result<core::trading_calendar> load_holidays(const std::filesystem::path& path) {
  auto bytes = base::read_file(path);
  if (!bytes) return bytes.error();
  return parse_holidays(*bytes, path.string());
}

core::trading_calendar default_trading_calendar() {
  auto cal = parse_holidays(default_holidays_text(), "nse_holidays.toml (built in)");
  if (!cal) {
    std::fprintf(stderr, "striked: the built-in holiday list is broken:\n%s\n",
                 cal.error().message.c_str());
    std::abort();
  }
  return std::move(*cal);
}

result<core::session_calendar> make_session_calendar(const session_section& s) {
  core::trading_calendar days;
  if (s.holidays_file.empty()) {
    days = default_trading_calendar();
  } else {
    auto loaded = load_holidays(s.holidays_file);
    if (!loaded) return loaded.error();
    days = std::move(*loaded);
  }
  core::session_hours hours;
  hours.entry_start = s.entry_start;
  hours.entry_end = s.entry_end;
  hours.eod_exit = s.eod_exit;
  if (auto problem = core::check(hours); !problem.empty()) return error{"[session]: " + problem};
  return core::session_calendar(
      std::move(days), hours,
      core::merge_expiry_rules(core::nifty_weekly_expiry_rules(), s.expiry_weekdays));
}

}  // namespace strike::daemon
