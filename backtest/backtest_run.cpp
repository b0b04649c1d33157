#include "backtest/backtest_run.hpp"

#include <algorithm>
#include <fstream>
#include <set>

#include "backtest/backtest_outputs.hpp"
#include "base/file_io.hpp"
#include "core/bus.hpp"
#include "core/engine/session_engine.hpp"
#include "core/market/bar_grid.hpp"
#include "core/session/session_tracker.hpp"
#include "core/state.hpp"
#include "storage/journal.hpp"

namespace strike::backtest {

namespace ev = strike::events;

namespace {

// Backtest bars are whole: there is nothing to backfill, and a request would be a bug.
class no_history final : public core::market::candle_source {
 public:
  void request_candles(const core::market::candle_request&,
                       std::function<void(core::market::candle_reply)> deliver) override {
    deliver(error{"a backtest has no candles to backfill", {}});
  }
};

// Where a backtest that writes no files journals: nowhere, only the seq moves on.
class counting_journal final : public core::journal_port {
 public:
  status append(const events::event& e) override {
    last_ = e.env.seq;
    return {};
  }
  std::int64_t last_seq() const override { return last_; }

 private:
  std::int64_t last_ = 0;
};

int trading_days(const core::session_calendar& calendar, core::civil_date from,
                 core::civil_date to) {
  int n = 0;
  for (auto d = core::days_from_civil(from); d <= core::days_from_civil(to); ++d)
    n += calendar.schedule(core::civil_from_days(d)).trading;
  return n;
}

}  // namespace

result<backtest_summary> run_backtest(const backtest_request& request,
                                      core::strategy::strategy& strat) {
  return run_backtest(request, {{std::string(strat.name()), &strat}});
}

void warm_up_before(core::engine::session_engine& engine, market_source& market,
                    core::civil_date day) {
  for (const auto& [tf, count] : engine.warmup())
    for (const auto& instrument : engine.bar_instruments())
      if (auto bars = market.index_history(instrument, tf, count, day); !bars.empty())
        engine.warm_up(instrument, tf, bars);
}

result<backtest_summary> run_backtest(const backtest_request& request,
                                      std::vector<core::engine::strategy_instance> instances) {
  std::string names;
  for (const auto& in : instances) names += (names.empty() ? "" : ",") + in.name;
  const auto& calendar = *request.calendar;
  const auto incomplete = request.out / "INCOMPLETE";
  std::unique_ptr<storage::journal> file_journal;
  counting_journal counting;
  core::journal_port* journal = &counting;
  if (request.write_files) {
    if (auto s = base::ensure_directory(request.out); !s) return s.error();
    if (std::filesystem::exists(request.out / "events.jsonl"))
      return error{(request.out / "events.jsonl").string() +
                       ": the output directory holds a journal already",
                   {}};
    std::ofstream(incomplete) << "a backtest is writing here, or stopped before it finished\n";
    auto opened = storage::journal::open({request.out, storage::durability::none}, 0);
    if (!opened) return opened.error();
    file_journal = std::move(*opened);
    journal = file_journal.get();
  }
  core::virtual_clock clock(core::ist_time_ns(request.from, 0));
  core::state state;
  core::bus bus(*journal, clock, state.keys);
  bus.fold_with([&state](const ev::event& e) { core::apply(state, e); });
  if (request.on_event) bus.subscribe_all("backtest.observer", request.on_event);
  status journal_ok;  // the first journal failure, if any
  auto publish = [&](ev::payload p, core::publish_options o = {}) {
    if (auto r = bus.publish(std::move(p), std::move(o)); !r && journal_ok) journal_ok = r.error();
  };

  market_source& market = *request.market;
  no_history history;
  core::engine::session_engine_options engine_options;
  engine_options.bars.grid = core::market::bar_grid(9 * 60 + 15, 15 * 60 + 30);
  engine_options.journal_bars = request.journal_bars;
  engine_options.rehearse = request.rehearse;
  core::engine::session_engine engine(bus, state, clock, request.trading, std::move(instances),
                                      history, engine_options);
  engine.set_options(&market);
  engine.attach();
  exchange venue(bus, state, clock, request.trading.charges, request.exchange);
  venue.attach();
  outputs out(request.trading.risk.capital_paise);
  bus.subscribe<ev::position_closed>(
      "backtest.trades",
      [&out](const ev::event& e, const ev::position_closed& c) { out.on_closed(e, c); });

  publish(ev::daemon_started{request.version, 0, "backtest", names});
  if (!request.config_sha256.empty())
    publish(ev::config_loaded{request.config_path, request.config_sha256, "none"});
  publish(ev::reconciliation_completed{0, 0, 0, 0, true});

  warm_up_before(engine, market, request.from);

  core::session_tracker tracker(calendar, clock.now_ns());
  backtest_progress progress{0, trading_days(calendar, request.from, request.to), 0};
  std::vector<market_print> prints;
  std::set<std::string> held;
  for (auto day = core::days_from_civil(request.from);
       day <= core::days_from_civil(request.to) && journal_ok; ++day) {
    const auto d = core::civil_from_days(day);
    const auto schedule = calendar.schedule(d);
    if (!schedule.trading) continue;
    if (auto s = market.begin_day(d); !s) return s.error();
    for (auto& notice : market.notices()) publish(std::move(notice));
    const std::int64_t first = schedule.pre_open_ns;
    const std::int64_t last = schedule.close_ns + request.step_ns;
    for (std::int64_t t = first; t <= last && journal_ok; t += request.step_ns) {
      clock.advance_to(t);
      for (auto& tr : tracker.advance_to(t)) {
        if (auto* exit = std::get_if<ev::end_of_day_exit>(&tr.body))
          exit->positions = static_cast<std::int64_t>(state.positions.size());
        const bool opens = std::holds_alternative<ev::session_opened>(tr.body);
        publish(std::move(tr.body));
        // No network to test: the pre-open self-test passes by construction.
        if (opens) publish(ev::self_test_completed{true, "", "backtest"});
      }
      if (t >= schedule.open_ns && t < schedule.close_ns) {
        // Held or in play at the exchange: quoted wherever the market has gone. (The journal's
        // orders are a year long by the end; the exchange knows the live ones.)
        held.clear();
        for (const auto& [key, p] : state.positions) held.insert(p.instrument);
        venue.add_instruments_in_play(held);
        market.prints_at(t, held, prints);
        for (auto& notice : market.notices()) publish(std::move(notice));
        for (const auto& p : prints) {
          // The exchange sees the print first: orders sent before it fill on it, never on the
          // print that made the engine send them.
          venue.on_quote(p.instrument, p.quote, p.traded);
          engine.on_tick(p.instrument, p.tick, p.quote);
        }
        progress.prints += static_cast<std::int64_t>(prints.size());
      }
      engine.on_time(t);
      if (t % core::ns_per_minute == 0 && t >= schedule.open_ns && t <= schedule.close_ns)
        out.on_minute(t, engine.trading().unrealized_paise());
    }
    // Index options settle at the index's close on their expiry day (NSE's final settlement
    // price); whatever is still held then is settled at its intrinsic value.
    venue.settle_expiries(d, [&](std::string_view underlying) -> std::int64_t {
      const std::string index = market.index_of(underlying);
      const auto* q = index.empty() ? nullptr : engine.trading().market().find(index);
      return q ? q->ltp : 0;
    });
    ++progress.days_done;
    if (request.on_progress) request.on_progress(progress);
  }
  publish(ev::daemon_stopped{0, state.positions.empty(),
                             clock.now_ns() - core::ist_time_ns(request.from, 0)});
  if (file_journal)
    if (auto s = file_journal->close(); !s) return s.error();
  if (!journal_ok) return journal_ok.error();

  backtest_summary summary = out.summary();
  summary.days = progress.days_done;
  summary.events = journal->last_seq();
  summary.prints = progress.prints;
  if (!request.write_files) return summary;
  if (auto s = out.write(request.out, summary); !s) return s.error();
  std::filesystem::remove(incomplete);
  return summary;
}

}  // namespace strike::backtest
