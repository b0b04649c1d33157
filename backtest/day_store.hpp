// Recorded market days parsed once and shared, read-only, by every backtest that asks for them:
// an optimisation's workers each run their own backtest over the same days, and without this
// each would read and parse every day file again, and hold its own copy of the day.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "base/result.hpp"
#include "core/ist.hpp"
#include "core/market/bar.hpp"
#include "storage/bar_files.hpp"

namespace strike::backtest {

// One instrument's one-minute bars of a day, by start.
using minute_bars = std::map<std::int64_t, core::market::bar>;
// A day's one-minute bars, by instrument.
using day_bars = std::map<std::string, minute_bars, std::less<>>;

// The one-minute bars of stored, by instrument (a later bar of the same minute wins).
day_bars one_minute_bars(const std::vector<storage::stored_bar>& stored);

class day_store {
 public:
  using reader = std::function<result<std::vector<storage::stored_bar>>()>;

  // Day d, read by read the first time any caller asks; callers asking meanwhile wait for it.
  // A day that could not be read stays an error.
  result<std::shared_ptr<const day_bars>> get(core::civil_date d, const reader& read);

 private:
  struct entry {
    std::once_flag once;
    result<std::shared_ptr<const day_bars>> day = error{"not read"};
  };
  std::mutex mutex_;
  std::map<core::civil_date, std::shared_ptr<entry>> days_;
};

}  // namespace strike::backtest
