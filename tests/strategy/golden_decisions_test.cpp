// Golden decisions: each built-in trading strategy, run by the backtest driver (the session
// engine, the trading engine, the simulated exchange, the session calendar) over fixed market
// days, must decide exactly what tests/strategy/golden/<strategy>.txt lists, one line per
// decision. The days come from a seeded std::mt19937_64 in integer paise, so they are the same
// on every machine. A change that alters decisions updates the golden file in the same commit:
// STRIKE_UPDATE_GOLDEN=1 rewrites the files instead of comparing.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <random>
#include <set>

#include "backtest/backtest_run.hpp"
#include "core/market/bar_grid.hpp"
#include "core/session/session_calendar.hpp"
#include "core/strategies/mean_reversion/mean_reversion.hpp"
#include "core/strategies/trend_alignment/trend_alignment.hpp"

using namespace strike;
namespace ev = strike::events;

namespace {

constexpr std::uint64_t golden_seed = 9;
constexpr std::int64_t golden_step_ns = 15 * core::ns_per_s;  // between prints
constexpr std::int64_t golden_steps = 1500;                   // prints a session, 09:15 to 15:30
constexpr std::int64_t golden_strike_step = 50'00;
const std::string golden_index = "NSE:99926000";
const std::string golden_vix = "NSE:99926017";

// NIFTY as an integer random walk in phases of five to nine sessions — up, range, down, range —
// with a 15-second print; in a range a pull back to the day's open and now and then a jump of
// ₹30–60 to revert from. India VIX is flat through each day. The weekly options are priced
// from the index: intrinsic value plus a time value that falls away from the money and toward
// expiry, quoted 5 paise either side.
class golden_market final : public backtest::market_source {
 public:
  golden_market(const core::session_calendar& calendar, core::civil_date first,
                core::civil_date last)
      : calendar_(calendar) {
    std::mt19937_64 rng(golden_seed);
    // Each draw its own statement: the order of the draws is the data.
    auto draw = [&rng](std::int64_t lo, std::int64_t hi) {
      return lo + static_cast<std::int64_t>(rng() % static_cast<std::uint64_t>(hi - lo + 1));
    };
    std::int64_t level = 26000'00;
    int phase = 3, sessions_left = 0;
    for (auto day = core::days_from_civil(first); day <= core::days_from_civil(last); ++day) {
      const auto d = core::civil_from_days(day);
      if (!calendar_.is_trading_day(d)) continue;
      if (sessions_left == 0) {
        phase = (phase + 1) % 4;
        sessions_left = static_cast<int>(draw(5, 9));
      }
      --sessions_left;
      const bool range = phase % 2 == 1;
      const std::int64_t drift = phase == 0 ? 7 : phase == 2 ? -7 : 0;
      level += draw(-2000, 2000);  // the overnight gap
      const std::int64_t anchor = level;
      auto& levels = index_[d];
      levels.resize(golden_steps);
      for (auto& at : levels) {
        at = level;
        level += drift + draw(-250, 250);
        if (!range) continue;
        level += (anchor - level) / 200;
        if (draw(0, 299) != 0) continue;
        const std::int64_t jump = draw(3000, 6000);
        level += draw(0, 1) == 0 ? jump : -jump;
      }
      vix_[d] = draw(12'50, 16'50);
    }
  }

  status begin_day(core::civil_date d) override {
    if (!index_.count(d)) return error{"golden market: no session on " + core::format_date(d), {}};
    expiries_.clear();
    auto e = calendar_.next_weekly_expiry(d);
    for (int i = 0; i < 3; ++i) {
      expiries_.push_back(core::format_date(e));
      e = calendar_.next_weekly_expiry(core::civil_from_days(core::days_from_civil(e) + 1));
    }
    return {};
  }

  void prints_at(std::int64_t t, const std::set<std::string>& also,
                 std::vector<backtest::market_print>& out) override {
    out.clear();
    const auto d = core::ist_date(t);
    const std::int64_t spot = level_at(d, t);
    add(out, golden_index, t, spot, 0);
    add(out, golden_vix, t, vix_.at(d), 0);
    std::set<std::string> quoted;
    for (std::size_t e = 0; e < 2; ++e)
      for (std::int64_t j = -3; j <= 3; ++j)
        for (bool call : {true, false}) {
          const auto c = nearest("NIFTY", expiries_[e], spot + j * golden_strike_step, call);
          if (c && quoted.insert(c->instrument).second) add_option(out, c->instrument, t, spot);
        }
    for (const auto& i : also)
      if (i.starts_with("NFO:") && !quoted.count(i)) add_option(out, i, t, spot);
  }

  std::vector<core::market::bar> history(ev::timeframe tf, int count, core::civil_date d) override {
    const auto period = core::market::bar_period::of(tf);
    const std::int64_t window = period.is_daily() ? golden_steps : period.minutes() * 4;
    std::vector<core::market::bar> out;
    for (auto it = index_.lower_bound(d); it != index_.begin() && std::ssize(out) < count;) {
      --it;
      const std::int64_t open_ns = calendar_.schedule(it->first).open_ns;
      std::vector<core::market::bar> day;
      for (std::int64_t from = 0; from < golden_steps; from += window) {
        const std::int64_t to = std::min(from + window, golden_steps);
        const auto first = it->second.begin() + from, last = it->second.begin() + to;
        day.push_back({open_ns + from * golden_step_ns, *first, *std::max_element(first, last),
                       *std::min_element(first, last), *(last - 1), 0, 0});
      }
      out.insert(out.begin(), day.begin(), day.end());
    }
    if (std::ssize(out) > count) out.erase(out.begin(), out.end() - count);
    return out;
  }

  std::vector<std::string> expiries(std::string_view underlying, std::string_view from,
                                    std::size_t most) const override {
    std::vector<std::string> out;
    for (const auto& e : expiries_)
      if (underlying == "NIFTY" && e >= from && out.size() < most) out.push_back(e);
    return out;
  }

  // Contracts are named by what they are: NFO:<yymmdd><strike><1 call | 2 put>.
  std::optional<core::strategy::option_contract> nearest(std::string_view underlying,
                                                         std::string_view expiry,
                                                         std::int64_t strike_paise,
                                                         bool call) const override {
    if (underlying != "NIFTY" ||
        std::find(expiries_.begin(), expiries_.end(), expiry) == expiries_.end())
      return std::nullopt;
    const std::int64_t k =
        (strike_paise + golden_strike_step / 2 - 1) / golden_strike_step * golden_strike_step;
    const std::string date = std::string(expiry.substr(2, 2)) + std::string(expiry.substr(5, 2)) +
                             std::string(expiry.substr(8, 2));
    const std::string strike = std::to_string(k / 100);
    return core::strategy::option_contract{"NFO:" + date + strike + (call ? "1" : "2"),
                                           "NIFTY" + date + strike + (call ? "CE" : "PE"),
                                           std::string(expiry),
                                           k,
                                           call,
                                           65,
                                           5};
  }

 private:
  std::int64_t level_at(core::civil_date d, std::int64_t t) const {
    const std::int64_t k = (t - calendar_.schedule(d).open_ns) / golden_step_ns;
    return index_.at(d)[static_cast<std::size_t>(std::clamp<std::int64_t>(k, 0, golden_steps - 1))];
  }

  static void add(std::vector<backtest::market_print>& out, const std::string& instrument,
                  std::int64_t t, std::int64_t ltp, std::int64_t half_spread) {
    const core::trading::quote q =
        half_spread == 0 ? core::trading::quote{t, ltp, 0, 0}
                         : core::trading::quote{t, ltp, ltp - half_spread, ltp + half_spread};
    out.push_back({instrument, {t, ltp, 0, 0}, q, -1});
  }

  void add_option(std::vector<backtest::market_print>& out, const std::string& instrument,
                  std::int64_t t, std::int64_t spot) const {
    const std::string date = "20" + instrument.substr(4, 2) + "-" + instrument.substr(6, 2) + "-" +
                             instrument.substr(8, 2);
    const std::int64_t strike = std::stoll(instrument.substr(10, instrument.size() - 11)) * 100;
    const bool call = instrument.back() == '1';
    const std::int64_t days = std::max<std::int64_t>(
        core::days_from_civil(*core::parse_date(date)) - core::days_from_civil(core::ist_date(t)),
        0);
    const std::int64_t intrinsic = std::max<std::int64_t>(call ? spot - strike : strike - spot, 0);
    const std::int64_t time_value =
        (40'00 + 15'00 * days) * 200'00 / (200'00 + std::abs(spot - strike));
    add(out, instrument, t, std::max<std::int64_t>((intrinsic + time_value) / 5 * 5, 10), 5);
  }

  const core::session_calendar& calendar_;
  std::map<core::civil_date, std::vector<std::int64_t>> index_;  // paise, one per print
  std::map<core::civil_date, std::int64_t> vix_;                 // paise
  std::vector<std::string> expiries_;                            // the day's, ascending
};

struct golden_run {
  std::vector<std::string> lines;  // "<IST time> <kind> <instrument> <reason or filter>"
  int entries = 0;
  int exits = 0;
};

golden_run golden_decisions(core::strategy::strategy& strat) {
  const core::session_calendar calendar(core::trading_calendar{}, core::session_hours{},
                                        core::nifty_weekly_expiry_rules());
  golden_market market(calendar, {2025, 10, 1}, {2026, 1, 30});
  backtest::backtest_request r;
  r.write_files = false;
  r.from = {2026, 1, 5};
  r.to = {2026, 1, 23};
  r.calendar = &calendar;
  r.market = &market;
  r.version = "golden";
  // Stops wide enough that the strategies' own exits get their turn.
  r.trading.exits.stop_loss_bps = 3000;
  r.trading.exits.trail_activate_bps = 2500;
  r.trading.exits.trail_bps = 1000;
  golden_run run;
  std::map<std::string, std::string> instrument_of;  // order key -> instrument
  r.on_event = [&](const ev::event& e) {
    auto line = [&](std::string_view kind, const std::string& instrument, std::string_view why) {
      run.lines.push_back(core::format_ist(e.env.ts) + " " + std::string(kind) + " " + instrument +
                          " " + std::string(why));
    };
    if (const auto* s = std::get_if<ev::signal_raised>(&e.body)) {
      line("signal", s->instrument, ev::to_string(s->action));
    } else if (const auto* f = std::get_if<ev::entry_filtered>(&e.body)) {
      line("filtered", f->instrument, f->filter);
    } else if (const auto* i = std::get_if<ev::order_intent>(&e.body)) {
      instrument_of[i->order] = i->instrument;
      if (i->purpose != ev::purpose::entry) return;
      line("entry", i->instrument, i->reason);
      ++run.entries;
    } else if (const auto* x = std::get_if<ev::risk_rejected>(&e.body)) {
      line("rejected", instrument_of[x->order], x->check);
    } else if (const auto* p = std::get_if<ev::position_exit_triggered>(&e.body)) {
      line("exit", p->instrument, p->reason);
      ++run.exits;
    }
  };
  const auto summary = backtest::run_backtest(r, strat);
  if (!summary.ok()) FAIL(summary.error().message);
  return run;
}

// Compares with the golden file, or rewrites it when STRIKE_UPDATE_GOLDEN=1.
void check_golden(std::string_view strategy, const golden_run& run) {
  const auto file = std::filesystem::path(STRIKE_SOURCE_DIR) / "tests" / "strategy" / "golden" /
                    (std::string(strategy) + ".txt");
  const char* update = std::getenv("STRIKE_UPDATE_GOLDEN");
  if (update && std::string_view(update) == "1") {
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    for (const auto& l : run.lines) out << l << '\n';
    REQUIRE_MESSAGE(out.good(), ("cannot write " + file.string()));
    MESSAGE("rewrote " << file.string() << ": " << run.lines.size() << " decisions");
    return;
  }
  std::ifstream in(file, std::ios::binary);
  REQUIRE_MESSAGE(in.good(), (file.string() + " is missing (STRIKE_UPDATE_GOLDEN=1 writes it)"));
  std::vector<std::string> golden;
  for (std::string l; std::getline(in, l);) golden.push_back(l);
  const std::size_t n = std::min(golden.size(), run.lines.size());
  const auto differ = std::mismatch(golden.begin(), golden.begin() + static_cast<std::ptrdiff_t>(n),
                                    run.lines.begin());
  const auto at = static_cast<std::size_t>(differ.first - golden.begin());
  if (at < n || golden.size() != run.lines.size())
    FAIL_CHECK(file.string() << ": decisions differ first at line " << at + 1 << "\n  golden: "
                             << (at < golden.size() ? golden[at] : "(end of file)")
                             << "\n  now:    "
                             << (at < run.lines.size() ? run.lines[at] : "(no more decisions)")
                             << "\n(a change meant to alter decisions: STRIKE_UPDATE_GOLDEN=1)");
}

}  // namespace

TEST_CASE("trend_alignment's decisions over the golden market days match its golden file") {
  core::strategies::trend_alignment strat{core::strategies::trend_alignment_params{}};
  const auto run = golden_decisions(strat);
  CHECK(run.entries >= 3);
  CHECK(run.exits >= 3);
  check_golden(strat.name(), run);
}

TEST_CASE("mean_reversion's decisions over the golden market days match its golden file") {
  core::strategies::mean_reversion strat{core::strategies::mean_reversion_params{}};
  const auto run = golden_decisions(strat);
  CHECK(run.entries >= 3);
  CHECK(run.exits >= 3);
  check_golden(strat.name(), run);
}
