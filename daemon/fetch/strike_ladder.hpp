// The option contracts `striked data fetch` takes by default: for a day and the underlying's
// close that day, the listed strikes around the money of the nearest listed expiries, calls and
// puts. Built once from the instrument master; pure and read-only afterwards.
//
// Angel One's master lists live contracts only, so for a day long past the nearest listed
// expiries may not have been trading yet; their requests come back empty and are recorded as
// such (storage/bar_file_format.hpp), not asked again.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "brokers/instrument_index.hpp"
#include "core/ist.hpp"

namespace strike::daemon::fetch {

struct ladder_rule {
  int strikes = 5;   // listed strikes on each side of the one nearest the close
  int expiries = 2;  // nearest listed expiries on or after the day
};

class strike_ladder {
 public:
  // The options of `underlying` ("NIFTY") in the master.
  strike_ladder(const brokers::instrument_index& master, std::string_view underlying);

  // "NFO:TOKEN" ids for day d with the underlying closing at close_paise: per expiry (nearest
  // first), the strike nearest the close (the lower on a tie) and `strikes` listed strikes
  // either side, each strike's call then put when listed.
  std::vector<std::string> around(core::civil_date d, std::int64_t close_paise,
                                  const ladder_rule& rule) const;

  std::size_t expiry_count() const { return chains_.size(); }

 private:
  struct pair_ids {
    std::string call;
    std::string put;
  };
  // expiry (days since epoch) -> strike (paise) -> ids
  std::map<std::int32_t, std::map<std::int64_t, pair_ids>> chains_;
};

}  // namespace strike::daemon::fetch
