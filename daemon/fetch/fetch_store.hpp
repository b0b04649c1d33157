// The output directory of `striked data fetch` as the fetch sees it: what each day file holds
// of the fetched timeframe, the fetch ledger, and writing a day with fresh bars merged in.
// Layout and ledger: storage/bar_file_format.hpp. One fetch at a time per directory; blocking
// file work, on the command's thread.
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.hpp"
#include "core/market/bar.hpp"
#include "core/market/bar_grid.hpp"
#include "daemon/fetch/fetch_plan.hpp"
#include "events/enums.hpp"
#include "storage/bar_files.hpp"
#include "storage/fetch_ledger.hpp"

namespace strike::daemon::fetch {

// Fresh bars of one day by instrument, each in start order.
using day_bars = std::map<std::string, std::vector<core::market::bar>, std::less<>>;

class fetch_store {
 public:
  // Reads the ledger of dir (the directory need not exist yet).
  static result<fetch_store> open(std::filesystem::path dir, events::timeframe tf,
                                  core::market::bar_grid grid);

  // Reads the day files of `days` that exist and remembers what they hold of the timeframe.
  status scan(std::span<const core::civil_date> days);

  // What the day file held of the instrument at the last scan or write; null when nothing.
  const held_series* held(core::civil_date d, std::string_view instrument) const;
  // Whether the series needs no fetch (fetch_plan.hpp: series_complete).
  bool complete(core::civil_date d, std::string_view instrument) const;

  // Rewrites day d: every instrument in `fresh` with bars has its bars of the timeframe
  // replaced by them; everything else in the file is kept. Then each instrument in `final`
  // (a subset of fresh's keys) is recorded in the ledger with the bars the file now holds.
  status write_day(core::civil_date d, const day_bars& fresh, std::span<const std::string> final);

  const std::filesystem::path& dir() const { return dir_; }

 private:
  fetch_store(std::filesystem::path dir, events::timeframe tf, core::market::bar_grid grid,
              storage::fetch_ledger ledger);
  result<std::vector<storage::stored_bar>> read_day(core::civil_date d) const;
  void remember(core::civil_date d, std::span<const storage::stored_bar> bars);

  std::filesystem::path dir_;
  events::timeframe tf_;
  core::market::bar_grid grid_;
  storage::fetch_ledger ledger_;
  std::map<core::civil_date, std::map<std::string, held_series, std::less<>>> held_;
};

}  // namespace strike::daemon::fetch
