#include "daemon/fetch/fetch_plan.hpp"

#include <algorithm>
#include <cassert>

namespace strike::daemon::fetch {

namespace mk = strike::core::market;

bool series_complete(const held_series& held, std::optional<std::int64_t> ledger_bars,
                     mk::bar_period period, const mk::bar_grid& grid, core::civil_date day) {
  if (ledger_bars && *ledger_bars == held.bars) return true;
  // A daily bar covers the session whenever it was taken, so only the ledger can say it is final.
  if (period.is_daily() || held.bars == 0) return false;
  const auto window = grid.window_starting(period, held.last_start_ns);
  return window && window->end_ns >= grid.close_ns(day);
}

std::vector<std::span<const core::civil_date>> split_windows(std::span<const core::civil_date> days,
                                                             int max_days) {
  assert(max_days > 0);
  std::vector<std::span<const core::civil_date>> out;
  std::size_t begin = 0;
  for (std::size_t i = 0; i <= days.size(); ++i) {
    const bool ends =
        i == days.size() ||
        core::days_from_civil(days[i]) - core::days_from_civil(days[begin]) >= max_days;
    if (!ends) continue;
    if (i > begin) out.push_back(days.subspan(begin, i - begin));
    begin = i;
  }
  return out;
}

std::vector<day_run> missing_runs(const std::vector<bool>& wanted,
                                  const std::vector<bool>& complete) {
  assert(wanted.size() == complete.size());
  std::vector<day_run> out;
  std::optional<day_run> open;
  for (std::size_t i = 0; i <= wanted.size(); ++i) {
    if (i == wanted.size() || complete[i]) {
      if (open) out.push_back(*open);
      open.reset();
      continue;
    }
    if (!wanted[i]) continue;
    if (open)
      open->last = i;
    else
      open = day_run{i, i};
  }
  return out;
}

candle_range range_of(core::civil_date first, core::civil_date last, const mk::bar_grid& grid,
                      std::int64_t now_ns) {
  assert(!(last < first));
  const std::int64_t last_start = grid.close_ns(last) - core::ns_per_minute;
  const std::int64_t now_minute = now_ns - now_ns % core::ns_per_minute;
  return {core::ist_time_ns(first, 0), std::min(last_start, now_minute)};
}

std::optional<std::int64_t> bar_start_of(std::int64_t candle_ns, mk::bar_period period,
                                         const mk::bar_grid& grid) {
  if (period.is_daily()) {
    const auto day = core::ist_date(candle_ns);
    // Angel One labels daily candles 00:00; a candle already at the open is accepted too.
    if (candle_ns != core::ist_time_ns(day, 0) && candle_ns != grid.open_ns(day))
      return std::nullopt;
    return grid.open_ns(day);
  }
  if (!grid.window_starting(period, candle_ns)) return std::nullopt;
  return candle_ns;
}

}  // namespace strike::daemon::fetch
