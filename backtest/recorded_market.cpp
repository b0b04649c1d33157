#include "backtest/recorded_market.hpp"

#include <algorithm>
#include <cstdio>
#include <utility>

#include "core/clock.hpp"
#include "core/market/bar_grid.hpp"
#include "events/market_events.hpp"

namespace strike::backtest {

namespace {

constexpr std::int64_t print_step_ns = 15 * core::ns_per_s;
const core::market::bar_grid session_grid;

std::int64_t minute_of(std::int64_t t) {
  return t - t % core::ns_per_minute;
}

std::int64_t price_at(const core::market::bar& b, int phase) {
  switch (phase) {
    case 0:
      return b.open;
    case 1:
      return b.low;
    case 2:
      return b.high;
    default:
      return b.close;
  }
}

std::string ist_clock(std::int64_t t) {
  const std::int64_t minutes = (t / core::ns_per_minute + 5 * 60 + 30) % (24 * 60);
  char text[8];
  std::snprintf(text, sizeof text, "%02d:%02d", static_cast<int>(minutes / 60),
                static_cast<int>(minutes % 60));
  return text;
}

}  // namespace

result<std::unique_ptr<recorded_market>> recorded_market::open(recorded_options options) {
  std::vector<storage::bar_day_file> days;
  if (!options.bars_dir.empty()) {
    auto listed = storage::list_bar_files(options.bars_dir);
    if (!listed) return listed.error();
    days = std::move(*listed);
  }
  if (options.candles)
    for (const auto& [date, bars] : options.candles->by_date)
      if (std::none_of(days.begin(), days.end(), [&](const auto& f) { return f.date == date; }))
        days.push_back({date, options.candles->dir, false});
  std::sort(days.begin(), days.end(), [](const auto& a, const auto& b) { return a.date < b.date; });
  if (days.empty())
    return error{options.bars_dir.string() +
                     ": no bar files (YYYY-MM-DD.jsonl or .jsonl.zst) and no candle files",
                 {}};
  return std::unique_ptr<recorded_market>(new recorded_market(std::move(options), days));
}

recorded_market::recorded_market(recorded_options options, std::vector<storage::bar_day_file> days)
    : options_(std::move(options)), days_(std::move(days)) {}

const storage::bar_day_file* recorded_market::file_of(core::civil_date d) const {
  for (const auto& f : days_)
    if (f.date == d) return &f;
  return nullptr;
}

// A day's bars: its bar file's, then its candles'.
result<std::vector<storage::stored_bar>> recorded_market::read_day(
    const storage::bar_day_file& f) const {
  std::vector<storage::stored_bar> out;
  if (!options_.candles || f.path != options_.candles->dir) {
    auto bars = storage::read_bar_file(f.path);
    if (!bars) return bars.error();
    out = std::move(*bars);
  }
  if (options_.candles)
    if (const auto c = options_.candles->by_date.find(f.date); c != options_.candles->by_date.end())
      out.insert(out.end(), c->second.begin(), c->second.end());
  return out;
}

status recorded_market::begin_day(core::civil_date d) {
  const auto* file = file_of(d);
  if (!file)
    return error{options_.bars_dir.string() + ": no bar file for the trading day " +
                     core::format_date(d) + " (" + core::format_date(d) + ".jsonl)" +
                     (options_.candles ? ", nor candles of it in " + options_.candles->dir.string()
                                       : std::string()),
                 {}};
  auto day = load_day(*file);
  if (!day) return day.error();
  today_ = d;
  today_file_ = file->path;
  day_ = std::move(*day);
  reported_absent_.clear();
  if (!bars().count(options_.index))
    return error{file->path.string() + ": no 1m bars of " + options_.index, {}};
  report_gaps(options_.index);
  if (bars().count(options_.vix)) report_gaps(options_.vix);
  report_missing_options();
  return {};
}

// A day whose file holds none of the options around the money cannot trade them: said once at
// the open, since the engine refuses entries on quotes it lacks and would otherwise never ask.
void recorded_market::report_missing_options() {
  if (!options_.chain) return;
  const auto near = options_.chain->expiries(options_.underlying, core::format_date(today_), 1);
  if (near.empty()) return;
  const std::int64_t spot = bars().at(options_.index).begin()->second.open;
  std::optional<core::strategy::option_contract> at_money;
  std::int64_t looked = 0;
  for (int k = -options_.band_strikes; k <= options_.band_strikes; ++k)
    for (bool call : {true, false}) {
      const auto c = options_.chain->nearest(options_.underlying, near.front(),
                                             spot + k * options_.strike_step_paise, call);
      if (!c) continue;
      if (bars().count(c->instrument)) return;
      if (k == 0 && call) at_money = c;
      ++looked;
    }
  if (!at_money) return;
  reported_absent_.insert(at_money->instrument);
  notices_.push_back(events::market_data_rejected{
      "data", at_money->instrument, "absent",
      today_file_.string() + ": no bars of " + at_money->instrument + " (" + at_money->symbol +
          ") or of any " + options_.underlying + " option of " + near.front() + " within " +
          std::to_string(options_.band_strikes) + " strikes of the open on " +
          core::format_date(today_),
      looked});
}

result<std::shared_ptr<const day_bars>> recorded_market::load_day(
    const storage::bar_day_file& f) const {
  if (options_.shared_days) return options_.shared_days->get(f.date, [&] { return read_day(f); });
  auto stored = read_day(f);
  if (!stored) return stored.error();
  return std::shared_ptr<const day_bars>(
      std::make_shared<const day_bars>(one_minute_bars(*stored)));
}

void recorded_market::report_gaps(const std::string& instrument) {
  const auto& minutes = bars().at(instrument);
  const std::int64_t open = session_grid.open_ns(today_);
  const std::int64_t close = session_grid.close_ns(today_);
  std::int64_t missing_from = -1, missing = 0;
  for (std::int64_t m = open; m <= close; m += core::ns_per_minute) {
    const bool present = m < close && minutes.count(m);
    if (!present && m < close) {
      if (missing_from < 0) missing_from = m;
      ++missing;
      continue;
    }
    if (missing_from < 0) continue;
    notices_.push_back(events::market_data_rejected{"data", instrument, "gap",
                                                    today_file_.string() + ": no 1m bars from " +
                                                        ist_clock(missing_from) + " to " +
                                                        ist_clock(m - core::ns_per_minute) + " IST",
                                                    missing});
    missing_from = -1;
    missing = 0;
  }
}

void recorded_market::add_print(const std::string& instrument, std::int64_t minute, int phase,
                                std::vector<market_print>& out) {
  const auto found = bars().find(instrument);
  if (found == bars().end()) {
    if (reported_absent_.insert(instrument).second)
      notices_.push_back(events::market_data_rejected{
          "data", instrument, "absent",
          today_file_.string() + ": no bars of " + instrument + " on " + core::format_date(today_),
          1});
    return;
  }
  const auto bar = found->second.find(minute);
  if (bar == found->second.end()) return;  // nothing traded that minute
  const std::int64_t price = price_at(bar->second, phase);
  const std::int64_t spread =
      instrument == options_.index || instrument == options_.vix ? 0 : options_.half_spread_paise;
  const std::int64_t t = minute + phase * print_step_ns;
  // The bar's volume spread evenly over its four prints (the remainder on the later ones).
  const std::int64_t v = bar->second.volume;
  const std::int64_t traded = v * (phase + 1) / 4 - v * phase / 4;
  out.push_back({instrument,
                 {t, price, 0, bar->second.oi},
                 {t, price, std::max<std::int64_t>(price - spread, 0), price + spread},
                 traded});
}

void recorded_market::prints_at(std::int64_t t, const std::set<std::string>& also,
                                std::vector<market_print>& out) {
  out.clear();
  const std::int64_t minute = minute_of(t);
  const int phase = static_cast<int>(std::min<std::int64_t>((t - minute) / print_step_ns, 3));
  add_print(options_.index, minute, phase, out);
  if (out.empty()) return;  // a gap in the index: no market to quote around
  const std::int64_t spot = out.front().quote.ltp;
  add_print(options_.vix, minute, phase, out);
  std::set<std::string> quoted;
  if (options_.chain) {
    const auto near = options_.chain->expiries(options_.underlying, core::format_date(today_), 2);
    for (const auto& expiry : near)
      for (int k = -options_.band_strikes; k <= options_.band_strikes; ++k)
        for (bool call : {true, false})
          if (auto c = options_.chain->nearest(options_.underlying, expiry,
                                               spot + k * options_.strike_step_paise, call);
              c && quoted.insert(c->instrument).second && bars().count(c->instrument))
            add_print(c->instrument, minute, phase, out);
  }
  // Held or ordered: quoted if not already, or reported (once) when the data lacks it.
  for (const auto& i : also)
    if (i != options_.index && i != options_.vix && (!quoted.count(i) || !bars().count(i)))
      add_print(i, minute, phase, out);
}

std::vector<core::market::bar> recorded_market::index_history(const std::string& instrument,
                                                              events::timeframe tf, int count,
                                                              core::civil_date d) {
  const auto period = core::market::bar_period::of(tf);
  std::vector<core::market::bar> newest_first;
  for (auto f = days_.rbegin(); f != days_.rend() && static_cast<int>(newest_first.size()) < count;
       ++f) {
    if (!(f->date < d)) continue;
    auto loaded = load_day(*f);
    if (!loaded) continue;  // an unreadable old day shortens the warm-up; it is not traded
    const auto index = (*loaded)->find(instrument);
    if (index == (*loaded)->end()) continue;
    std::vector<core::market::bar> day;
    for (const auto& [start, b] : index->second) {
      const auto window = session_grid.window_of(period, start);
      if (!window) continue;
      if (day.empty() || day.back().start_ns != window->start_ns) {
        day.push_back(b);
        day.back().start_ns = window->start_ns;
        continue;
      }
      auto& into = day.back();
      into.high = std::max(into.high, b.high);
      into.low = std::min(into.low, b.low);
      into.close = b.close;
      into.volume += b.volume;
      into.oi = b.oi;
    }
    for (auto it = day.rbegin(); it != day.rend(); ++it) newest_first.push_back(*it);
  }
  if (static_cast<int>(newest_first.size()) > count) newest_first.resize(count);
  return {newest_first.rbegin(), newest_first.rend()};
}

std::vector<events::payload> recorded_market::notices() {
  return std::exchange(notices_, {});
}

std::vector<std::string> recorded_market::expiries(std::string_view underlying,
                                                   std::string_view from_date,
                                                   std::size_t most) const {
  return options_.chain ? options_.chain->expiries(underlying, from_date, most)
                        : std::vector<std::string>{};
}

std::optional<core::strategy::option_contract> recorded_market::nearest(std::string_view underlying,
                                                                        std::string_view expiry,
                                                                        std::int64_t strike_paise,
                                                                        bool call) const {
  if (!options_.chain) return std::nullopt;
  return options_.chain->nearest(underlying, expiry, strike_paise, call);
}

}  // namespace strike::backtest
