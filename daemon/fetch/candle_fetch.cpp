#include "daemon/fetch/candle_fetch.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "brokers/broker_error.hpp"
#include "daemon/broker_candles.hpp"

namespace strike::daemon::fetch {
namespace {

namespace mk = strike::core::market;
using boost::asio::awaitable;

struct planned_request {
  std::string instrument;
  std::size_t first = 0;  // day indices in the window
  std::size_t last = 0;
};

struct window_plan {
  std::span<const core::civil_date> days;
  std::vector<planned_request> requests;
};

using wanted_fn = std::function<std::vector<std::string>(core::civil_date)>;

class candle_fetch {
 public:
  candle_fetch(brokers::broker& broker, fetch_store& store, const fetch_settings& s,
               const core::clock& clock, const mk::bar_grid& grid,
               std::function<void(const fetch_progress&)> progress)
      : broker_(broker),
        store_(store),
        s_(s),
        clock_(clock),
        grid_(grid),
        period_(mk::bar_period::of(s.timeframe)),
        progress_(std::move(progress)) {}

  awaitable<fetch_report> run() {
    if (auto scanned = store_.scan(s_.days); !scanned) {
      report_.stopped = scanned.error();
      co_return report_;
    }
    const auto windows = split_windows(s_.days, s_.max_days);
    // Named values, not temporaries in the co_await: GCC 12 mishandles those.
    auto every_day = [this](core::civil_date) { return s_.instruments; };
    auto plans = plan(windows, every_day);
    co_await run_phase("instruments", std::move(plans));
    if (s_.options && !report_.stopped) co_await run_options(windows);
    co_return report_;
  }

 private:
  // The requests of every window for the instruments wanted_on names for each day.
  std::vector<window_plan> plan(const std::vector<std::span<const core::civil_date>>& windows,
                                const wanted_fn& wanted_on) const {
    std::vector<window_plan> out;
    for (const auto days : windows) {
      std::map<std::string, std::vector<bool>> wanted;
      for (std::size_t i = 0; i < days.size(); ++i)
        for (auto& id : wanted_on(days[i])) {
          auto& flags = wanted.try_emplace(std::move(id), days.size(), false).first->second;
          flags[i] = true;
        }
      window_plan w{days, {}};
      for (const auto& [id, flags] : wanted) {
        std::vector<bool> complete(days.size());
        for (std::size_t i = 0; i < days.size(); ++i) complete[i] = store_.complete(days[i], id);
        for (const auto run : missing_runs(flags, complete))
          w.requests.push_back({id, run.first, run.last});
      }
      out.push_back(std::move(w));
    }
    return out;
  }

  awaitable<void> run_options(const std::vector<std::span<const core::civil_date>>& windows) {
    auto master = co_await broker_.instruments();
    if (!master) {
      report_.stopped = master.error();
      co_return;
    }
    const strike_ladder ladder(**master, s_.options->underlying);
    std::set<std::string> chosen;
    auto plans = plan(windows, [&](core::civil_date d) {
      const held_series* index = store_.held(d, s_.options->index);
      if (index == nullptr) return std::vector<std::string>{};
      auto ids = ladder.around(d, index->last_close, s_.options->rule);
      chosen.insert(ids.begin(), ids.end());
      return ids;
    });
    report_.option_contracts = static_cast<int>(chosen.size());
    co_await run_phase("options", std::move(plans));
  }

  awaitable<void> run_phase(std::string_view phase, std::vector<window_plan> plans) {
    phase_ = phase;
    for (const auto& w : plans) total_ += static_cast<int>(w.requests.size());
    show();
    for (const auto& w : plans) {
      co_await run_window(w);
      if (report_.stopped) co_return;
    }
  }

  awaitable<void> run_window(const window_plan& w) {
    std::vector<day_bars> fresh(w.days.size());
    std::vector<std::vector<std::string>> final(w.days.size());
    for (const auto& r : w.requests) {
      if (!co_await fetch_one(w, r, fresh, final)) break;
    }
    for (std::size_t i = 0; i < w.days.size(); ++i) {
      if (fresh[i].empty()) continue;
      std::int64_t bars = 0;
      for (const auto& [id, b] : fresh[i]) bars += static_cast<std::int64_t>(b.size());
      if (auto written = store_.write_day(w.days[i], fresh[i], final[i]); !written) {
        report_.stopped = written.error();
        co_return;
      }
      report_.bars += bars;
      if (bars > 0) written_.insert(w.days[i]);
      report_.days_written = static_cast<int>(written_.size());
    }
    show();
  }

  // One request; false when the fetch must stop (the failure is in report_.stopped).
  awaitable<bool> fetch_one(const window_plan& w, const planned_request& r,
                            std::vector<day_bars>& fresh,
                            std::vector<std::vector<std::string>>& final) {
    const std::int64_t asked_ns = clock_.now_ns();
    const auto range = range_of(w.days[r.first], w.days[r.last], grid_, asked_ns);
    // A named request, not a braced temporary in the co_await (GCC 12, as above).
    brokers::candle_request request{r.instrument, interval_of(s_.timeframe), range.from_ns,
                                    range.to_ns};
    auto got = co_await broker_.candles(std::move(request));
    ++report_.requests;
    ++done_;
    show();
    if (!got) {
      const auto kind = brokers::failure_of(got.error());
      // A refusal names this instrument (unknown token, bad data); anything else (network,
      // session, rate limits after the retries) would fail every request that follows.
      if (kind != events::failure_kind::rejected && kind != events::failure_kind::bad_response) {
        report_.stopped = got.error();
        co_return false;
      }
      if (report_.refused++ == 0) report_.first_refusal = got.error().message;
      co_return true;
    }
    for (std::size_t i = r.first; i <= r.last; ++i) {
      fresh[i].try_emplace(r.instrument);
      if (asked_ns >= grid_.close_ns(w.days[i]) + settle_ns) final[i].push_back(r.instrument);
    }
    const auto begin = w.days.begin() + static_cast<std::ptrdiff_t>(r.first);
    const auto end = w.days.begin() + static_cast<std::ptrdiff_t>(r.last) + 1;
    for (const auto& c : *got) {
      const auto start = bar_start_of(c.open_ns, period_, grid_);
      const auto day = start ? std::find(begin, end, core::ist_date(*start)) : end;
      if (day == end) {
        ++report_.off_grid;
        continue;
      }
      fresh[static_cast<std::size_t>(day - w.days.begin())][r.instrument].push_back(
          {*start, c.open_paise, c.high_paise, c.low_paise, c.close_paise, c.volume, 0});
    }
    co_return true;
  }

  void show() {
    if (progress_) progress_({phase_, done_, total_, report_.days_written});
  }

  brokers::broker& broker_;
  fetch_store& store_;
  const fetch_settings& s_;
  const core::clock& clock_;
  const mk::bar_grid& grid_;
  mk::bar_period period_;
  std::function<void(const fetch_progress&)> progress_;
  fetch_report report_;
  std::string_view phase_;
  int done_ = 0;
  int total_ = 0;
  std::set<core::civil_date> written_;  // both phases write a day; the operator counts files
};

}  // namespace

awaitable<fetch_report> fetch_candles(brokers::broker& broker, fetch_store& store,
                                      const fetch_settings& settings, const core::clock& clock,
                                      const mk::bar_grid& grid,
                                      std::function<void(const fetch_progress&)> progress) {
  candle_fetch f(broker, store, settings, clock, grid, std::move(progress));
  co_return co_await f.run();
}

}  // namespace strike::daemon::fetch
