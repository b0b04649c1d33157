// striked data check | resample | indicators: candle files (CSV or JSONL in the Angel One
// candle format) for people and for checking (docs/market-data.md). `data fetch` has a file of
// its own (data_fetch.cpp).
#include <cstdio>
#include <optional>
#include <string>

#include "base/file_io.hpp"
#include "core/market/candle_file.hpp"
#include "core/market/candle_time.hpp"
#include "core/market/indicator_set.hpp"
#include "core/market/resample.hpp"
#include "daemon/commands/commands.hpp"
#include "daemon/exit_codes.hpp"
#include "daemon/holidays_file.hpp"

namespace strike::daemon {
namespace {

namespace mk = strike::core::market;

constexpr const char* usage = R"(usage:
  striked data check FILE [--from PERIOD]
  striked data resample FILE --to PERIOD [--from PERIOD] [--format csv|jsonl]
  striked data indicators FILE --with SPEC [--from PERIOD]
FILE is CSV (timestamp,open,high,low,close,volume[,oi]) or JSONL (Angel One candle arrays).
PERIOD is 1m, 3m, 5m, 10m, 15m, 30m, 1h, 2h or 1d; --from overrides the period read from the file.
SPEC is e.g. ema:20,sma:20,rsi:14,atr:14,adx:14,vwap,bb:20:2,z:20,kalman

  striked data fetch [--config FILE] --from DATE --to DATE [--tokens EXCH:TOKEN,...]
                     [--interval 1m|5m|15m|1h|1d] [--out DIR] [--strikes N] [--expiries N]
                     [--quiet]
Downloads historical candles from the broker into bar day files (DIR/YYYY-MM-DD.jsonl, default
the config's state_dir/bars), the layout `striked backtest --data` reads. Without --tokens: the
NIFTY 50 index (NSE:99926000), India VIX (NSE:99926017) and, for each day, the NIFTY options of
the instrument master at the --strikes (5) listed strikes either side of the index's close, for
the --expiries (2) nearest expiries. A rerun fetches only what is missing.
)";

struct loaded {
  mk::candle_data data;
  mk::candle_series series;
};

// Reads, parses and checks FILE; nullopt (after saying why) when it cannot be read at all.
std::optional<loaded> load(const std::string& path, std::optional<mk::bar_period> from) {
  auto text = base::read_file(path);
  if (!text) {
    std::fprintf(stderr, "striked data: %s\n", text.error().message.c_str());
    return std::nullopt;
  }
  loaded l;
  l.data = mk::parse_candles(*text, path, mk::guess_format(path, *text));
  static const core::trading_calendar calendar = default_trading_calendar();
  l.series = mk::check_candles(l.data, {from, &calendar, {}});
  return l;
}

void print_report(const mk::candle_data& data, std::FILE* to, bool warnings) {
  for (const auto& line : data.report())
    if (warnings || line.find(": warning: ") == std::string::npos)
      std::fprintf(to, "%s\n", line.c_str());
}

std::optional<mk::bar_period> period_option(args& a, const char* name, bool& bad) {
  auto text = a.option(name);
  if (!text) return std::nullopt;
  auto p = mk::bar_period::parse(*text);
  if (!p) {
    std::fprintf(stderr,
                 "striked data: %s %s is not a period (1m, 3m, 5m, 10m, 15m, 30m, 1h, 2h, 1d)\n",
                 name, text->c_str());
    bad = true;
  }
  return p;
}

int check(const std::string& path, std::optional<mk::bar_period> from) {
  auto l = load(path, from);
  if (!l) return exit_code::failure;
  print_report(l->data, stdout, true);
  const auto& bars = l->series.bars;
  std::printf("%s: %zu candles", path.c_str(), bars.size());
  if (l->series.period) std::printf(" of %s", l->series.period->name().c_str());
  if (!bars.empty())
    std::printf(" from %s to %s", mk::format_candle_time(bars.front().start_ns).c_str(),
                mk::format_candle_time(bars.back().start_ns).c_str());
  std::printf(", %zu errors, %zu warnings\n", l->data.errors(), l->data.warnings());
  return l->data.errors() == 0 ? exit_code::ok : exit_code::failure;
}

// Loads FILE for a command that needs it clean: errors go to stderr and fail the command.
std::optional<loaded> load_clean(const std::string& path, std::optional<mk::bar_period> from) {
  auto l = load(path, from);
  if (!l) return std::nullopt;
  if (l->data.errors() > 0 || !l->series.period) {
    print_report(l->data, stderr, false);
    std::fprintf(stderr, "striked data: %s has %zu errors; nothing done (see striked data check)\n",
                 path.c_str(), l->data.errors());
    return std::nullopt;
  }
  return l;
}

void print_candle(const mk::bar& b, bool json, bool oi) {
  const std::string ts = mk::format_candle_time(b.start_ns);
  if (json) {
    std::printf("[\"%s\",%s,%s,%s,%s,%lld", ts.c_str(), mk::format_rupees_short(b.open).c_str(),
                mk::format_rupees_short(b.high).c_str(), mk::format_rupees_short(b.low).c_str(),
                mk::format_rupees_short(b.close).c_str(), static_cast<long long>(b.volume));
    if (oi) std::printf(",%lld", static_cast<long long>(b.oi));
    std::printf("]\n");
  } else {
    std::printf("%s,%s,%s,%s,%s,%lld", ts.c_str(), mk::format_rupees(b.open).c_str(),
                mk::format_rupees(b.high).c_str(), mk::format_rupees(b.low).c_str(),
                mk::format_rupees(b.close).c_str(), static_cast<long long>(b.volume));
    if (oi) std::printf(",%lld", static_cast<long long>(b.oi));
    std::printf("\n");
  }
}

int resample(const std::string& path, std::optional<mk::bar_period> from, mk::bar_period to,
             std::optional<std::string> format) {
  auto l = load_clean(path, from);
  if (!l) return exit_code::failure;
  auto bars = mk::resample(l->series.bars, *l->series.period, to);
  if (!bars) {
    std::fprintf(stderr, "striked data: %s\n", bars.error().message.c_str());
    return exit_code::usage;
  }
  const bool json = format ? *format == "jsonl" : l->data.format == mk::candle_format::jsonl;
  if (!json) std::printf("timestamp,open,high,low,close,volume%s\n", l->data.has_oi ? ",oi" : "");
  for (const auto& b : *bars) print_candle(b, json, l->data.has_oi);
  return exit_code::ok;
}

int indicators(const std::string& path, std::optional<mk::bar_period> from,
               const std::string& spec) {
  auto set = mk::indicator_set::parse(spec);
  if (!set) {
    std::fprintf(stderr, "striked data: %s\n", set.error().message.c_str());
    return exit_code::usage;
  }
  auto l = load_clean(path, from);
  if (!l) return exit_code::failure;
  std::string row = "timestamp";
  for (const auto& c : set->columns()) row += "," + c;
  std::printf("%s\n", row.c_str());
  for (const auto& b : l->series.bars) {
    set->update(b);
    row = mk::format_candle_time(b.start_ns);
    set->append_csv(row);
    std::printf("%s\n", row.c_str());
  }
  return exit_code::ok;
}

}  // namespace

int data_command(const std::string& sub, args& a) {
  if (sub == "fetch") return data_fetch_command(a);
  bool bad = false;
  const auto from = period_option(a, "--from", bad);
  const auto to = sub == "resample" ? period_option(a, "--to", bad) : std::nullopt;
  const auto format = sub == "resample" ? a.option("--format") : std::nullopt;
  const auto spec = sub == "indicators" ? a.option("--with") : std::nullopt;
  const auto files = a.positionals();
  if (bad) return exit_code::usage;
  if ((sub != "check" && sub != "resample" && sub != "indicators") || files.size() != 1 ||
      (sub == "resample" && !to) || (sub == "indicators" && !spec) ||
      (format && *format != "csv" && *format != "jsonl")) {
    std::fputs(usage, stderr);
    return exit_code::usage;
  }
  if (sub == "check") return check(files[0], from);
  if (sub == "resample") return resample(files[0], from, *to, format);
  return indicators(files[0], from, *spec);
}

}  // namespace strike::daemon
