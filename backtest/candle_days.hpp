// Candle files as market days, for `striked backtest --data`: one file per instrument, named
// <EXCHANGE>-<TOKEN>.csv or .jsonl (NSE-99926000.csv is NIFTY 50, NFO-40051.jsonl an option),
// in the candle formats `striked data` reads and writes (core/market/candle_file.hpp), at one
// minute. Each file is checked whole; any error refuses the lot, naming file, line and field,
// so a backtest never runs on part of what it was given.
#pragma once

#include <filesystem>
#include <map>
#include <vector>

#include "base/result.hpp"
#include "core/ist.hpp"
#include "storage/bar_files.hpp"

namespace strike::backtest {

struct candle_days {
  std::filesystem::path dir;  // named in the market's notices
  std::map<core::civil_date, std::vector<storage::stored_bar>>
      by_date;  // one-minute bars, IST days
};

result<candle_days> read_candle_days(const std::filesystem::path& dir);

}  // namespace strike::backtest
