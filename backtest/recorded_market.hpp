// Market days from bar files: the layout a daemon records in state_dir/bars and `striked data
// fetch` downloads into (storage/bar_file_format.hpp), plain or zstd, and from candle files
// (candle_days.hpp). The one-minute bars of
// the index, India VIX and the option contracts are replayed as four prints a minute, at 0,
// 15, 30 and 45 seconds past it: open, low, high, close. Every position Strike holds is long
// (it buys options), so visiting the low before the high is the conservative path: when a
// stop and a target both fall inside one bar, the stop is reached first.
//
// A minute without a bar has no prints (nothing traded); a gap in the index's minutes and a
// contract traded with no bars that day are reported as MarketDataRejected events naming the
// file. A trading day without a file, or a damaged line, is an error naming the file (and line).
//
// Contracts (expiry, strike, lot, tick) come from the instrument master the caller supplies as
// the option chain; options are quoted half_spread_paise either side of the bar's price.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "backtest/candle_days.hpp"
#include "backtest/day_store.hpp"
#include "backtest/market_source.hpp"
#include "storage/bar_files.hpp"

namespace strike::backtest {

struct recorded_options {
  std::filesystem::path bars_dir;              // may be empty when the days come as candles
  std::shared_ptr<const candle_days> candles;  // merged into the bar files' days; may be null
  const core::strategy::option_chain* chain = nullptr;  // the contracts; must outlive the market
  std::string index = "NSE:99926000";
  std::string vix = "NSE:99926017";
  std::string underlying = "NIFTY";
  std::int64_t strike_step_paise = 50'00;
  int band_strikes = 5;  // strikes each side of the money quoted, calls and puts
  std::int64_t half_spread_paise = 5;
  // Days parsed once for every market sharing it (an optimisation's trials); null: each day is
  // read when it is needed and dropped after.
  std::shared_ptr<day_store> shared_days;
};

class recorded_market final : public market_source {
 public:
  // Lists the day files; an error when the directory cannot be read or holds none.
  static result<std::unique_ptr<recorded_market>> open(recorded_options options);

  status begin_day(core::civil_date d) override;
  void prints_at(std::int64_t t, const std::set<std::string>& also,
                 std::vector<market_print>& out) override;
  std::vector<core::market::bar> history(events::timeframe tf, int count,
                                         core::civil_date d) override {
    return index_history(options_.index, tf, count, d);
  }
  std::string index_of(std::string_view underlying) const override {
    return underlying == options_.underlying ? options_.index : "";
  }
  std::vector<core::market::bar> index_history(const std::string& instrument, events::timeframe tf,
                                               int count, core::civil_date d) override;
  std::vector<events::payload> notices() override;

  std::vector<std::string> expiries(std::string_view underlying, std::string_view from_date,
                                    std::size_t most) const override;
  std::optional<core::strategy::option_contract> nearest(std::string_view underlying,
                                                         std::string_view expiry,
                                                         std::int64_t strike_paise,
                                                         bool call) const override;

 private:
  explicit recorded_market(recorded_options options, std::vector<storage::bar_day_file> days);

  const storage::bar_day_file* file_of(core::civil_date d) const;
  result<std::vector<storage::stored_bar>> read_day(const storage::bar_day_file& f) const;
  result<std::shared_ptr<const day_bars>> load_day(const storage::bar_day_file& f) const;
  void report_gaps(const std::string& instrument);
  void report_missing_options();
  void add_print(const std::string& instrument, std::int64_t minute, int phase,
                 std::vector<market_print>& out);

  recorded_options options_;
  std::vector<storage::bar_day_file> days_;  // oldest first
  std::filesystem::path today_file_;
  core::civil_date today_{};
  std::shared_ptr<const day_bars> day_;  // today's
  const day_bars& bars() const { return *day_; }
  std::set<std::string> reported_absent_;
  std::vector<events::payload> notices_;
};

}  // namespace strike::backtest
