// The pure part of `striked data fetch`: which series of which days are already complete on
// disk, how the days are cut into windows that one getCandleData request can span, and which
// runs of days one instrument needs. No files, no broker, no clock: time comes in as values.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "core/ist.hpp"
#include "core/market/bar_grid.hpp"

namespace strike::daemon::fetch {

// A day's session is final this long after its close: a fetch started later took the broker's
// last word on the day (its last candles are not published at 15:30 sharp).
inline constexpr std::int64_t settle_ns = 5 * core::ns_per_minute;

// What one day file holds of one (instrument, timeframe) series.
struct held_series {
  std::int64_t bars = 0;
  std::int64_t last_start_ns = 0;  // start of the newest bar
  std::int64_t last_close = 0;     // its close, paise
};

// Whether a day's series needs no fetch: the ledger recorded it final with exactly the bars
// the file still holds, or (intraday timeframes only) the file's bars reach the session close,
// as bars the daemon recorded over a whole day do. A day fetched while it was trading matches
// neither, and is fetched again.
bool series_complete(const held_series& held, std::optional<std::int64_t> ledger_bars,
                     core::market::bar_period period, const core::market::bar_grid& grid,
                     core::civil_date day);

// The trading days split, in order, into windows whose first and last day lie at most
// max_days - 1 calendar days apart, so one request can span any run inside a window.
std::vector<std::span<const core::civil_date>> split_windows(std::span<const core::civil_date> days,
                                                             int max_days);

// A run of days [first, last] (indices into a window) to fetch with one request.
struct day_run {
  std::size_t first = 0;
  std::size_t last = 0;
  bool operator==(const day_run&) const = default;
};

// The runs one instrument needs in a window: each maximal stretch of incomplete days that holds
// a wanted day, trimmed to its first and last wanted day. Incomplete days between wanted ones
// ride along (same request, and their bars are kept), complete days split runs.
std::vector<day_run> missing_runs(const std::vector<bool>& wanted,
                                  const std::vector<bool>& complete);

// The candle range of a request for days first..last: from 00:00 IST of the first day (where
// daily candles are labelled) to the last bar start of the last day's session, or to `now`
// (whole minutes) when that is earlier.
struct candle_range {
  std::int64_t from_ns = 0;
  std::int64_t to_ns = 0;
};
candle_range range_of(core::civil_date first, core::civil_date last,
                      const core::market::bar_grid& grid, std::int64_t now_ns);

// The bar start of a broker candle in the day file's grid: daily candles (labelled 00:00 IST)
// start at the open; intraday ones must start a window of the period. nullopt for a candle off
// the grid or outside the session.
std::optional<std::int64_t> bar_start_of(std::int64_t candle_ns, core::market::bar_period period,
                                         const core::market::bar_grid& grid);

}  // namespace strike::daemon::fetch
