#include "core/session/expiry_rules.hpp"

#include <algorithm>
#include <cassert>
#include <cctype>

#include "core/session/trading_calendar.hpp"

namespace strike::core {

std::vector<expiry_rule> nifty_weekly_expiry_rules() {
  return {{civil_date{2000, 1, 1}, 4}, {civil_date{2025, 9, 1}, 2}};
}

std::vector<expiry_rule> merge_expiry_rules(std::vector<expiry_rule> base,
                                            const std::vector<expiry_rule>& overrides) {
  for (const auto& o : overrides) {
    auto same = std::find_if(base.begin(), base.end(),
                             [&](const expiry_rule& r) { return r.from == o.from; });
    if (same != base.end())
      *same = o;
    else
      base.push_back(o);
  }
  std::sort(base.begin(), base.end(),
            [](const expiry_rule& a, const expiry_rule& b) { return a.from < b.from; });
  return base;
}

int expiry_weekday_on(const std::vector<expiry_rule>& rules, civil_date d) {
  assert(!rules.empty());
  auto it = std::upper_bound(rules.begin(), rules.end(), d,
                             [](civil_date key, const expiry_rule& r) { return key < r.from; });
  return it == rules.begin() ? rules.front().weekday : std::prev(it)->weekday;
}

std::optional<expiry_rule> parse_expiry_rule(std::string_view text) {
  auto trim = [](std::string_view s) {
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
    return s;
  };
  text = trim(text);
  const auto space = text.find(' ');
  if (space == std::string_view::npos) return std::nullopt;
  auto date = parse_date(text.substr(0, space));
  const int wd = weekday_from_name(trim(text.substr(space + 1)));
  if (!date || wd < 0) return std::nullopt;
  return expiry_rule{*date, wd};
}

std::string format_expiry_rule(const expiry_rule& r) {
  std::string name = weekday_name(r.weekday);
  for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return format_date(r.from) + " " + name;
}

}  // namespace strike::core
