#include "daemon/fetch/strike_ladder.hpp"

#include <algorithm>
#include <iterator>

namespace strike::daemon::fetch {

strike_ladder::strike_ladder(const brokers::instrument_index& master, std::string_view underlying) {
  for (const auto& row : master.rows()) {
    if (row.name != underlying || row.right == brokers::option_right::none || row.expiry_days <= 0)
      continue;
    auto& ids = chains_[row.expiry_days][row.strike_paise];
    (row.right == brokers::option_right::call ? ids.call : ids.put) = row.id();
  }
}

std::vector<std::string> strike_ladder::around(core::civil_date d, std::int64_t close_paise,
                                               const ladder_rule& rule) const {
  std::vector<std::string> out;
  auto chain = chains_.lower_bound(static_cast<std::int32_t>(core::days_from_civil(d)));
  for (int e = 0; e < rule.expiries && chain != chains_.end(); ++e, ++chain) {
    const auto& strikes = chain->second;
    // The first strike at or above the close, or the one below it when that is nearer.
    auto atm = strikes.lower_bound(close_paise);
    if (atm == strikes.end() ||
        (atm != strikes.begin() && close_paise - std::prev(atm)->first <= atm->first - close_paise))
      --atm;
    auto first = atm;
    for (int i = 0; i < rule.strikes && first != strikes.begin(); ++i) --first;
    auto last = atm;
    for (int i = 0; i < rule.strikes && std::next(last) != strikes.end(); ++i) ++last;
    for (auto it = first;; ++it) {
      if (!it->second.call.empty()) out.push_back(it->second.call);
      if (!it->second.put.empty()) out.push_back(it->second.put);
      if (it == last) break;
    }
  }
  return out;
}

}  // namespace strike::daemon::fetch
