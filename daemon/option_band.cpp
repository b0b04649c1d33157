#include "daemon/option_band.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <set>

#include "core/ist.hpp"

namespace strike::daemon {

namespace {

bool of_underlying(const std::string& symbol, const std::string& name) {
  const std::size_t n = name.size();
  return symbol.size() > n && symbol.compare(0, n, name) == 0 &&
         std::isdigit(static_cast<unsigned char>(symbol[n]));
}

}  // namespace

bool option_band::ours(const std::string& symbol) const {
  if (of_underlying(symbol, underlying_name_)) return true;
  if (!rest_) return false;
  return std::none_of(others_.begin(), others_.end(),
                      [&](const std::string& other) { return of_underlying(symbol, other); });
}

void option_band::refresh(std::int64_t underlying_paise, const core::state& state,
                          std::int64_t now_ns, brokers::market_feed& feed) {
  if (underlying_paise <= 0) return;
  if (centre_paise_ != 0 && std::llabs(underlying_paise - centre_paise_) < strike_step_paise_)
    return;
  centre_paise_ = underlying_paise;

  std::set<std::string> wanted;
  const std::string today = core::format_date(core::ist_date(now_ns));
  const auto expiries = chain_.expiries(underlying_name_, today, 2);
  for (const auto& expiry : expiries)
    for (int k = -strikes_each_side; k <= strikes_each_side; ++k)
      for (bool call : {true, false})
        if (auto c = chain_.nearest(underlying_name_, expiry,
                                    underlying_paise + k * strike_step_paise_, call))
          wanted.insert(c->instrument);
  for (const auto& [key, p] : state.positions)
    if (p.qty != 0 && ours(p.symbol)) wanted.insert(p.instrument);
  for (const auto& [key, o] : state.orders)
    if (!core::is_terminal(o.status) && ours(o.symbol)) wanted.insert(o.instrument);

  std::vector<std::string> add, drop;
  for (const auto& i : wanted)
    if (std::find(band_.begin(), band_.end(), i) == band_.end()) add.push_back(i);
  for (const auto& i : band_)
    if (!wanted.count(i)) drop.push_back(i);
  if (!drop.empty()) (void)feed.unsubscribe(drop);
  if (!add.empty())
    if (auto s = feed.subscribe(add, brokers::feed_mode::snap_quote); !s)
      SPDLOG_ERROR("subscribe options: {}", s.error().message);
  band_.assign(wanted.begin(), wanted.end());
}

}  // namespace strike::daemon
