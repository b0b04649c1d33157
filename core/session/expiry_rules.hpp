// The weekly expiry weekday as a dated table: each rule says "contracts expiring on or after
// `from` expire on `weekday`". NSE moved NIFTY from Thursday to Tuesday for contracts expiring
// on or after 1 Sep 2025 (NSE circular of 23 Jun 2025), so the built-in table has two rules;
// config [session] expiry_weekdays adds or replaces rules by date.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/ist.hpp"

namespace strike::core {

struct expiry_rule {
  civil_date from;  // first nominal expiry date the rule governs
  int weekday = 4;  // 0 = Sunday ... 6 = Saturday
  bool operator==(const expiry_rule&) const = default;
};

// NIFTY weekly: Thursday, then Tuesday from 2025-09-01.
std::vector<expiry_rule> nifty_weekly_expiry_rules();

// Rules merged by date (an override with the same `from` replaces the base rule) and sorted.
std::vector<expiry_rule> merge_expiry_rules(std::vector<expiry_rule> base,
                                            const std::vector<expiry_rule>& overrides);

// The weekday in force for a nominal expiry on d: the rule with the latest `from` <= d, or the
// earliest rule when d precedes them all. rules must be sorted and non-empty.
int expiry_weekday_on(const std::vector<expiry_rule>& rules, civil_date d);

// "2025-09-01 tuesday" -> rule; nullopt when the text is not that shape.
std::optional<expiry_rule> parse_expiry_rule(std::string_view text);
std::string format_expiry_rule(const expiry_rule& r);

}  // namespace strike::core
