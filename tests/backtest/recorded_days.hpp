// Recorded market days for the tests of `striked backtest --data`, made from the synthetic
// market and written as a daemon records them: <dir>/bars/<day>.jsonl with the one-minute bars
// of the index and VIX (and of the quoted options on the days from `options_from`, each minute
// trading `option_volume` units), and each day's instrument master in <dir>/instruments/.
#pragma once

#include <doctest/doctest.h>

#include <cstdio>
#include <fstream>
#include <map>
#include <string>

#include "backtest/synthetic_market.hpp"
#include "base/file_io.hpp"
#include "core/market/candle_time.hpp"
#include "core/session/session_calendar.hpp"
#include "storage/bar_files.hpp"

namespace strike::test {

inline void record_synthetic_days(const std::filesystem::path& dir,
                                  const core::session_calendar& calendar, core::civil_date from,
                                  core::civil_date to, core::civil_date options_from,
                                  std::int64_t option_volume = 1300, std::uint64_t seed = 7) {
  backtest::synthetic_market market({.seed = seed, .anchor = from});
  storage::bar_file_writer writer(dir / "bars");
  REQUIRE(base::ensure_directory(dir / "instruments").ok());
  const std::string index = backtest::synthetic_market::index_instrument;
  const std::string vix = backtest::synthetic_market::vix_instrument;
  std::vector<backtest::market_print> prints;
  for (auto day = core::days_from_civil(from); day <= core::days_from_civil(to); ++day) {
    const auto d = core::civil_from_days(day);
    const auto schedule = calendar.schedule(d);
    if (!schedule.trading) continue;
    REQUIRE(market.begin_day(d).ok());
    const bool options = !(d < options_from);
    if (options)
      REQUIRE(base::write_file_atomic(
                  dir / "instruments" / ("scrip-master-" + core::format_date(d) + ".json"),
                  market.master_json(), 0644)
                  .ok());
    std::map<std::string, core::market::bar> open_bars;
    auto flush = [&](const std::string& instrument) {
      REQUIRE(writer.append(instrument, events::timeframe::m1, open_bars.at(instrument)).ok());
    };
    for (std::int64_t t = schedule.open_ns; t < schedule.close_ns; t += 15 * core::ns_per_s) {
      market.prints_at(t, {}, prints);
      const std::int64_t minute = t - t % core::ns_per_minute;
      for (const auto& p : prints) {
        if (!options && p.instrument != index && p.instrument != vix) continue;
        const std::int64_t price = p.quote.ltp;
        auto it = open_bars.find(p.instrument);
        if (it != open_bars.end() && it->second.start_ns != minute) {
          flush(p.instrument);
          open_bars.erase(it);
          it = open_bars.end();
        }
        if (it == open_bars.end()) {
          const bool option = p.instrument != index && p.instrument != vix;
          open_bars[p.instrument] = {minute, price, price, price, price, option ? option_volume : 0,
                                     0};
          continue;
        }
        it->second.high = std::max(it->second.high, price);
        it->second.low = std::min(it->second.low, price);
        it->second.close = price;
      }
    }
    for (const auto& [instrument, bar] : open_bars) flush(instrument);
  }
  REQUIRE(writer.close().ok());
}

// The one-minute bars of bar files rewritten as candle CSV files, one per instrument, named as
// `striked backtest --data` reads them (NSE-99926000.csv).
inline void bars_as_candles(const std::filesystem::path& bars_dir,
                            const std::filesystem::path& candles_dir) {
  auto days = storage::list_bar_files(bars_dir);
  REQUIRE(days.ok());
  REQUIRE(base::ensure_directory(candles_dir).ok());
  auto rupees = [](std::int64_t paise) {
    char text[32];
    std::snprintf(text, sizeof text, "%lld.%02lld", static_cast<long long>(paise / 100),
                  static_cast<long long>(paise % 100));
    return std::string(text);
  };
  std::map<std::string, std::string> csv;
  for (const auto& day : *days) {
    auto bars = storage::read_bar_file(day.path);
    REQUIRE(bars.ok());
    for (const auto& b : *bars) {
      if (b.timeframe != events::timeframe::m1) continue;
      auto& text = csv[b.instrument];
      if (text.empty()) text = "timestamp,open,high,low,close,volume,oi\n";
      text += core::market::format_candle_time(b.value.start_ns) + "," + rupees(b.value.open) +
              "," + rupees(b.value.high) + "," + rupees(b.value.low) + "," + rupees(b.value.close) +
              "," + std::to_string(b.value.volume) + "," + std::to_string(b.value.oi) + "\n";
    }
  }
  for (const auto& [instrument, text] : csv) {
    std::string name = instrument;
    name[name.find(':')] = '-';
    std::ofstream(candles_dir / (name + ".csv")) << text;
  }
}

}  // namespace strike::test
