// `striked backtest --data DIR`: the recorded market days and the contracts they name. DIR is a
// daemon's state directory (bars/ and instruments/ in it) or a bar directory itself (its
// instruments/ beside or inside it); candle files in DIR/candles (backtest/candle_days.hpp) add
// days or instruments to the bar files'. Every instrument master found there is read and merged, so
// contracts that expired before the newest master was made are still known.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>

#include "backtest/recorded_market.hpp"
#include "base/result.hpp"
#include "daemon/option_chain_adapter.hpp"

namespace strike::daemon {

struct recorded_data {
  std::shared_ptr<const index_option_chain> chain;
  backtest::recorded_options options;  // what market was opened with
  std::unique_ptr<backtest::recorded_market> market;
};

// Recorded options are quoted spread_paise either side of each print. share_days: the days,
// once parsed, are kept for every market of data_market() (an optimisation's trials).
result<recorded_data> open_recorded_data(const std::filesystem::path& dir,
                                         std::int64_t spread_paise, bool share_days = false);

// Another market over data's days and contracts, read only once between them when data shares
// its days; data must outlive it.
result<std::unique_ptr<backtest::recorded_market>> data_market(const recorded_data& data,
                                                               std::int64_t spread_paise);

// The SHA-256 of what a backtest of dir reads (its bar files, instrument masters and candle
// files), by name and content: what says two machines have the same market data.
result<std::string> recorded_data_sha256(const std::filesystem::path& dir);

}  // namespace strike::daemon
