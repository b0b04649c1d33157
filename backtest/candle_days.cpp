#include "backtest/candle_days.hpp"

#include <algorithm>

#include "base/file_io.hpp"
#include "core/market/candle_file.hpp"

namespace strike::backtest {

namespace {

namespace mk = core::market;

// "NSE-99926000.csv" names "NSE:99926000"; anything else names nothing.
std::optional<std::string> instrument_of(const std::filesystem::path& file) {
  const std::string stem = file.stem().string();
  const auto dash = stem.find('-');
  if (dash == std::string::npos || dash == 0 || dash + 1 == stem.size()) return std::nullopt;
  const std::string exchange = stem.substr(0, dash), token = stem.substr(dash + 1);
  if (!std::all_of(exchange.begin(), exchange.end(), [](char c) { return c >= 'A' && c <= 'Z'; }))
    return std::nullopt;
  if (!std::all_of(token.begin(), token.end(), [](char c) { return c >= '0' && c <= '9'; }))
    return std::nullopt;
  return exchange + ":" + token;
}

std::string first_errors(const mk::candle_data& data) {
  std::string out;
  int shown = 0;
  for (const auto& line : data.report()) {
    if (line.find("warning: ") != std::string::npos) continue;
    if (shown++ == 3) {
      out += "\n  (" + std::to_string(data.errors() - 3) + " more)";
      break;
    }
    out += (out.empty() ? "" : "\n  ") + line;
  }
  return out;
}

}  // namespace

result<candle_days> read_candle_days(const std::filesystem::path& dir) {
  std::vector<std::filesystem::path> files;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
    const auto ext = entry.path().extension();
    if (entry.is_regular_file() && (ext == ".csv" || ext == ".jsonl"))
      files.push_back(entry.path());
  }
  if (ec) return error{dir.string() + ": " + ec.message(), {}};
  if (files.empty())
    return error{dir.string() + ": no candle files (<EXCHANGE>-<TOKEN>.csv or .jsonl)", {}};
  std::sort(files.begin(), files.end());

  candle_days out;
  out.dir = dir;
  const auto one_minute = mk::bar_period::of_minutes(1);
  for (const auto& path : files) {
    const auto instrument = instrument_of(path);
    if (!instrument)
      return error{
          path.string() + ": not named for its instrument as <EXCHANGE>-<TOKEN> (NSE-99926000.csv)",
          {}};
    auto text = base::read_file(path);
    if (!text) return text.error();
    auto data = mk::parse_candles(*text, path.string(), mk::guess_format(path.string(), *text));
    const auto series = mk::check_candles(data, {one_minute, nullptr, {}});
    if (data.errors() > 0) return error{first_errors(data), {}};
    if (series.period && !(*series.period == one_minute))
      return error{path.string() + ": candles of " + series.period->name() +
                       "; a backtest replays one-minute candles",
                   {}};
    for (const auto& b : series.bars)
      out.by_date[core::ist_date(b.start_ns)].push_back({*instrument, events::timeframe::m1, b});
  }
  return out;
}

}  // namespace strike::backtest
