#include "backtest/synthetic_market.hpp"

#include <algorithm>
#include <cmath>

#include "core/clock.hpp"
#include "core/market/bar_grid.hpp"

#include "sim/instruments.hpp"
#include "sim/market.hpp"
#include "sim/price_path.hpp"

namespace strike::backtest {

namespace {

struct printed_underlying {
  const char* name;
  const char* index;
  std::int64_t step_paise;
  sim::series series;
};
constexpr printed_underlying printed[] = {
    {"NIFTY", "NSE:99926000", 50'00, sim::series::nifty},
    {"BANKNIFTY", "NSE:99926009", 100'00, sim::series::banknifty},
};

std::string instrument_of(const sim::instrument& i) {
  return i.exch_seg + ":" + i.token;
}

}  // namespace

synthetic_market::synthetic_market(synthetic_options options)
    : options_(options),
      path_(std::make_unique<sim::price_path>(
          options.seed, sim::trading_day_at_or_before(options.anchor),
          std::array<double, sim::series_count>{options.nifty_open, options.banknifty_open,
                                                options.vix_open})) {}

synthetic_market::~synthetic_market() = default;

status synthetic_market::begin_day(core::civil_date d) {
  // The simulator's market trades Monday to Friday; the exchange also opens on the odd
  // Saturday or Sunday (a budget day, Muhurat trading), which the model has no prices for.
  if (!sim::is_trading_day(d))
    return error{"--synthetic: the synthetic market has no session on " + core::format_date(d) +
                     " (a weekend day the calendar trades: a special session); back-test the "
                     "days around it, or recorded data (--data) that has it",
                 {}};
  // The levels at the open, without building a day of what is not printed.
  const double nifty = path_->open_level(sim::series::nifty, d);
  const double banknifty = path_->open_level(sim::series::banknifty, d);
  market_.reset();
  instruments_ = std::make_unique<sim::instrument_master>(sim::instrument_settings{}, d, nifty,
                                                          banknifty, /*with_json=*/false);
  master_json_.clear();
  market_ = std::make_unique<sim::market>(*path_, *instruments_, options_.seed);
  chain_.clear();
  expiries_.clear();
  std::map<std::string, std::set<std::string>> dates;
  for (const auto& i : instruments_->all()) {
    if (i.is_index || !printing(i.name)) continue;
    const std::string date = core::format_date(i.expiry_date);
    dates[i.name].insert(date);
    chain_[{i.name, date, i.call}].push_back(&i);
  }
  for (auto& [key, list] : chain_)
    std::sort(list.begin(), list.end(), [](const sim::instrument* a, const sim::instrument* b) {
      return a->strike_paise < b->strike_paise;
    });
  for (const auto& [name, set] : dates) expiries_[name].assign(set.begin(), set.end());
  return {};
}

const std::string& synthetic_market::master_json() const {
  if (master_json_.empty()) master_json_ = instruments_->make_json();
  return master_json_;
}

void synthetic_market::add_print(const std::string& instrument, std::int64_t t,
                                 std::vector<market_print>& out) {
  const auto colon = instrument.find(':');
  const sim::instrument* inst =
      instruments_->by_token(std::string_view(instrument).substr(colon + 1));
  if (!inst) return;
  const sim::quote q = market_->at(*inst, t);
  // Only the index's bars are built, and an index has no volume.
  out.push_back({instrument, {t, q.ltp, 0, 0}, {t, q.ltp, q.bid, q.ask}});
}

bool synthetic_market::printing(std::string_view underlying) const {
  return std::find(options_.underlyings.begin(), options_.underlyings.end(), underlying) !=
         options_.underlyings.end();
}

void synthetic_market::prints_at(std::int64_t t, const std::set<std::string>& also,
                                 std::vector<market_print>& out) {
  out.clear();
  if (!market_) return;
  const std::string today = core::format_date(core::ist_date(t));
  std::set<std::string> quoted{vix_instrument};
  for (const auto& u : printed) {
    if (!printing(u.name)) continue;
    const std::size_t at = out.size();
    add_print(u.index, t, out);
    quoted.insert(u.index);
    if (u.series == sim::series::nifty) add_print(vix_instrument, t, out);
    const std::int64_t spot = out.size() > at ? out[at].quote.ltp : 0;
    const auto near = expiries(u.name, today, 2);
    for (const auto& expiry : near)
      for (int k = -options_.band_strikes; k <= options_.band_strikes; ++k)
        for (bool call : {true, false})
          if (auto c = nearest(u.name, expiry, spot + k * u.step_paise, call);
              c && quoted.insert(c->instrument).second)
            add_print(c->instrument, t, out);
  }
  if (!printing("NIFTY")) add_print(vix_instrument, t, out);
  for (const auto& i : also)
    if (!quoted.count(i)) add_print(i, t, out);
}

std::string synthetic_market::index_of(std::string_view underlying) const {
  for (const auto& p : printed)
    if (underlying == p.name) return p.index;
  return {};
}

std::vector<core::market::bar> synthetic_market::history(events::timeframe tf, int count,
                                                         core::civil_date d) {
  return index_history(index_instrument, tf, count, d);
}

std::vector<core::market::bar> synthetic_market::index_history(const std::string& instrument,
                                                               events::timeframe tf, int count,
                                                               core::civil_date d) {
  const printed_underlying* u = nullptr;
  for (const auto& p : printed)
    if (instrument == p.index) u = &p;
  if (!u) return {};
  const auto period = core::market::bar_period::of(tf);
  const std::int64_t window_s = period.is_daily() ? sim::session_seconds : period.minutes() * 60LL;
  const int per_day = static_cast<int>((sim::session_seconds + window_s - 1) / window_s);
  std::vector<core::civil_date> days;
  for (auto day = core::days_from_civil(d) - 1; static_cast<int>(days.size()) * per_day < count;
       --day)
    if (sim::is_trading_day(core::civil_from_days(day))) days.push_back(core::civil_from_days(day));
  std::reverse(days.begin(), days.end());
  auto paise = [](double rupees) {
    return static_cast<std::int64_t>(std::llround(rupees * 100.0));
  };
  std::vector<core::market::bar> out;
  for (const auto& day : days) {
    const auto& levels = path_->day_levels(u->series, day);
    const std::int64_t open_ns = sim::session_open_ns(day);
    for (std::int64_t from = 0; from < sim::session_seconds; from += window_s) {
      const std::int64_t to = std::min<std::int64_t>(from + window_s, sim::session_seconds);
      double hi = levels[static_cast<std::size_t>(from)], lo = hi;
      for (std::int64_t i = from; i <= to; ++i) {
        hi = std::max(hi, levels[static_cast<std::size_t>(i)]);
        lo = std::min(lo, levels[static_cast<std::size_t>(i)]);
      }
      out.push_back({open_ns + from * core::ns_per_s, paise(levels[static_cast<std::size_t>(from)]),
                     paise(hi), paise(lo), paise(levels[static_cast<std::size_t>(to)]), 0, 0});
    }
  }
  if (static_cast<int>(out.size()) > count) out.erase(out.begin(), out.end() - count);
  return out;
}

std::vector<std::string> synthetic_market::expiries(std::string_view underlying,
                                                    std::string_view from_date,
                                                    std::size_t most) const {
  std::vector<std::string> out;
  auto it = expiries_.find(underlying);
  if (it == expiries_.end()) return out;
  for (const auto& e : it->second) {
    if (out.size() >= most) break;
    if (e >= from_date) out.push_back(e);
  }
  return out;
}

std::optional<core::strategy::option_contract> synthetic_market::nearest(
    std::string_view underlying, std::string_view expiry, std::int64_t strike_paise,
    bool call) const {
  const auto it = chain_.find({std::string(underlying), std::string(expiry), call});
  if (it == chain_.end() || it->second.empty()) return std::nullopt;
  const auto& list = it->second;
  auto above = std::lower_bound(
      list.begin(), list.end(), strike_paise,
      [](const sim::instrument* i, std::int64_t k) { return i->strike_paise < k; });
  const sim::instrument* best = above == list.end() ? list.back() : *above;
  if (above != list.begin() && above != list.end()) {
    const sim::instrument* below = *(above - 1);
    // The lower strike on a tie.
    if (strike_paise - below->strike_paise <= best->strike_paise - strike_paise) best = below;
  }
  return core::strategy::option_contract{instrument_of(*best), best->symbol, std::string(expiry),
                                         best->strike_paise,   best->call,   best->lot_size,
                                         best->tick_paise};
}

}  // namespace strike::backtest
