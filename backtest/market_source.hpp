// Where a backtest's market days come from: the simulator's model (synthetic_market) or the
// bars a daemon recorded or `striked data fetch` downloaded (recorded_market). Each is also the
// strategy's option chain for the day, as the broker's instrument master is live.
#pragma once

#include <cstdint>
#include <set>
#include <string>
#include <vector>

#include "base/result.hpp"
#include "core/ist.hpp"
#include "core/market/bar.hpp"
#include "core/market/tick.hpp"
#include "core/strategy/strategy.hpp"
#include "core/trading/quote.hpp"
#include "events/enums.hpp"
#include "events/event.hpp"

namespace strike::backtest {

// One instrument's market at an instant.
struct market_print {
  std::string instrument;  // "NSE:99926000", "NFO:40012"
  core::market::tick tick;
  core::trading::quote quote;
  std::int64_t traded = -1;  // units this print stands for; -1 when the source does not know
};

class market_source : public core::strategy::option_chain {
 public:
  // Readies day d (a trading day of the calendar); an error names what is missing or damaged.
  virtual status begin_day(core::civil_date d) = 0;
  // The prints at t: the index, VIX, the options around the money, then any of `also` (held or
  // working) not among them. out is cleared first.
  virtual void prints_at(std::int64_t t, const std::set<std::string>& also,
                         std::vector<market_print>& out) = 0;
  // The last `count` closed bars of the index of timeframe tf from the trading days before d,
  // oldest first: the history a strategy warms up on.
  virtual std::vector<core::market::bar> history(events::timeframe tf, int count,
                                                 core::civil_date d) = 0;
  // The same of any index the source prints (NIFTY's is history()); empty for one it has no
  // bars of.
  virtual std::vector<core::market::bar> index_history(const std::string& instrument,
                                                       events::timeframe tf, int count,
                                                       core::civil_date d) {
    return instrument == index_of("NIFTY") ? history(tf, count, d)
                                           : std::vector<core::market::bar>{};
  }
  // The index instrument of an underlying ("NIFTY" → "NSE:99926000"): its last print settles
  // the underlying's expiring contracts. Empty when the source has none.
  virtual std::string index_of(std::string_view underlying) const {
    return underlying == "NIFTY" ? "NSE:99926000" : "";
  }
  // What the source has to say about its data since the last call (gaps, absent contracts),
  // to be journaled.
  virtual std::vector<events::payload> notices() { return {}; }
};

}  // namespace strike::backtest
