// `striked backtest`: the configured strategy, risk, exits, ladder and charges over market days
// on a virtual clock, with a simulated exchange; the journal and reports in --out.
#include <unistd.h>

#include <chrono>
#include <cstdio>

#include "backtest/backtest_run.hpp"
#include "backtest/synthetic_market.hpp"
#include "core/ist.hpp"
#include "core/report/decision_compare.hpp"
#include "core/report/instance_stats.hpp"
#include "core/report/trading_stats.hpp"
#include "daemon/commands/backtest_data.hpp"
#include "daemon/commands/commands.hpp"
#include "daemon/commands/journal_tools.hpp"
#include "daemon/commands/stats_format.hpp"
#include "daemon/config.hpp"
#include "daemon/exit_codes.hpp"
#include "daemon/holidays_file.hpp"
#include "daemon/logging.hpp"
#include "daemon/strategy_instances.hpp"
#include "daemon/version.hpp"
#include "storage/journal_reader.hpp"

namespace strike::daemon {

namespace {

constexpr const char* usage =
    R"(usage: striked backtest --config FILE --from YYYY-MM-DD --to YYYY-MM-DD
                         (--data DIR | --synthetic SEED) --out DIR [--step SECONDS]
                         [--strikes N] [--quiet]
                         [--compare JOURNAL|DIR [--exit-tolerance SECONDS]]
  Backtests the configured strategy over the trading days from --from to --to (the session
  calendar's), on recorded bars (--data: a daemon's state directory or a bar directory with
  its instrument master) or on market days made from the simulator's model with SEED. Writes
  events.jsonl, trades.csv, equity.csv and summary.json to DIR, and the statistics to stdout.
  --step and --strikes (synthetic days only): the time between prints, and the strikes each
  side of the money quoted (calls and puts, two expiries; 5); recorded minutes are replayed as
  open, low, high, close 15 s apart.
  --compare replays the decisions of a live or paper run: the backtest's signals, filters,
  entry intents and exits on the same days are compared with that journal's, the first
  divergence printed with both events; exits agree within --exit-tolerance (120 s). Exit
  status 1 when they differ.
)";

int fail(const std::string& why) {
  std::fprintf(stderr, "striked backtest: %s\n", why.c_str());
  return exit_code::usage;
}

// One line that updates in place on a terminal; a plain line every few seconds otherwise.
class progress_line {
 public:
  explicit progress_line(bool quiet) : quiet_(quiet), tty_(isatty(STDERR_FILENO) != 0) {}

  void operator()(const backtest::backtest_progress& p) {
    if (quiet_) return;
    const auto now = std::chrono::steady_clock::now();
    const double elapsed = std::chrono::duration<double>(now - start_).count();
    const bool last = p.days_done == p.days_total;
    if (!tty_ && !last && now - shown_ < std::chrono::seconds(5)) return;
    shown_ = now;
    const double rate = elapsed > 0 ? static_cast<double>(p.prints) / elapsed : 0;
    const double eta = p.days_done > 0 ? elapsed * (p.days_total - p.days_done) / p.days_done : 0;
    std::fprintf(stderr, "%sbacktest: %d/%d days (%.0f %%), %.0f prints/s, ETA %.0f s%s",
                 tty_ ? "\r" : "", p.days_done, p.days_total,
                 p.days_total ? 100.0 * p.days_done / p.days_total : 100.0, rate, eta,
                 tty_ && !last ? "" : "\n");
    std::fflush(stderr);
  }

 private:
  bool quiet_;
  bool tty_;
  std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
  std::chrono::steady_clock::time_point shown_{};
};

}  // namespace

int backtest_command(args& a) {
  const auto config_path = a.option("--config");
  const auto from_text = a.option("--from");
  const auto to_text = a.option("--to");
  const auto seed_text = a.option("--synthetic");
  const auto data_dir = a.option("--data");
  const auto out = a.option("--out");
  const auto step_text = a.option("--step");
  const auto strikes_text = a.option("--strikes");
  const auto compare_with = a.option("--compare");
  const auto tolerance_text = a.option("--exit-tolerance");
  const bool quiet = a.flag("--quiet");
  if (a.unused() || !a.positionals().empty() || !config_path || !from_text || !to_text || !out) {
    std::fputs(usage, stderr);
    return exit_code::usage;
  }
  if (data_dir && seed_text) return fail("--data and --synthetic: choose one");
  if (!data_dir && !seed_text)
    return fail("say where the market days come from: --data DIR or --synthetic SEED");
  if (data_dir && step_text) return fail("--step applies to synthetic days only");
  if (data_dir && strikes_text) return fail("--strikes applies to synthetic days only");
  const auto from = core::parse_date(*from_text);
  const auto to = core::parse_date(*to_text);
  if (!from) return fail("--from " + *from_text + ": not a date (YYYY-MM-DD)");
  if (!to) return fail("--to " + *to_text + ": not a date (YYYY-MM-DD)");
  if (*to < *from) return fail("--from " + *from_text + " is after --to " + *to_text);
  char* end = nullptr;
  unsigned long long seed = 0;
  if (seed_text) {
    seed = std::strtoull(seed_text->c_str(), &end, 10);
    if (seed_text->empty() || *end != '\0')
      return fail("--synthetic " + *seed_text + ": not a seed (a whole number)");
  }
  std::optional<int> tolerance_s = 120;
  if (tolerance_text) {
    if (!compare_with) return fail("--exit-tolerance applies to --compare only");
    if (!(tolerance_s = whole_number(*tolerance_text, 0, 3600)))
      return fail("--exit-tolerance " + *tolerance_text + ": seconds, 0 to 3600");
  }
  if (compare_with && !has_journal(*compare_with))
    return fail("--compare " + *compare_with + ": no journal there");
  const auto step_s = step_text ? whole_number(*step_text, 1, 60) : 15;
  if (!step_s) return fail("--step " + *step_text + ": seconds between prints, 1 to 60");
  const auto strikes = strikes_text ? whole_number(*strikes_text, 0, 20) : 5;
  if (!strikes)
    return fail("--strikes " + *strikes_text + ": strikes each side of the money, 0 to 20");

  auto cfg = load_config(*config_path);
  if (!cfg) {
    std::fprintf(stderr, "%s\n", cfg.error().message.c_str());
    return exit_code::usage;
  }
  init_console_logging("warn");
  auto strategies = make_strategy_instances(cfg->runtime);
  if (!strategies) return fail(strategies.error().message);
  auto calendar = make_session_calendar(cfg->session);
  if (!calendar) return fail(calendar.error().message);

  backtest::backtest_request request;
  request.out = *out;
  request.from = *from;
  request.to = *to;
  request.calendar = &*calendar;
  request.trading = cfg->trading.trading;
  request.journal_bars = cfg->market.journal_bars;
  std::unique_ptr<backtest::synthetic_market> synthetic;
  recorded_data recorded;
  if (seed_text) {
    synthetic = std::make_unique<backtest::synthetic_market>(backtest::synthetic_options{
        .seed = seed,
        .anchor = *from,
        .band_strikes = *strikes,
        .underlyings = underlying_names(traded_underlyings(cfg->runtime, strategies->instances))});
    request.market = synthetic.get();
  } else {
    auto opened = open_recorded_data(*data_dir, cfg->backtest.spread_paise);
    if (!opened) return fail("--data " + opened.error().message);
    recorded = std::move(*opened);
    request.market = recorded.market.get();
  }
  request.step_ns = *step_s * core::ns_per_s;
  request.exchange.slippage_bps = cfg->backtest.slippage_bps;
  request.exchange.latency_ns = cfg->backtest.latency_ms * core::ns_per_ms;
  request.exchange.volume_share_pct = cfg->backtest.volume_share_pct;
  request.version = std::string(version);
  request.config_path = cfg->path.string();
  request.config_sha256 = cfg->sha256;
  progress_line progress(quiet);
  request.on_progress = [&progress](const backtest::backtest_progress& p) { progress(p); };

  // The same table `striked stats` prints for the journal, and the decisions to compare, built
  // from the events as they are written.
  core::report::trading_stats_builder stats(request.trading.risk.capital_paise);
  core::report::instance_stats_builder by_instance(request.trading.risk.capital_paise);
  const bool several = strategies->instances.size() > 1;
  core::report::decision_log live(*from, *to), replayed(*from, *to);
  request.on_event = [&stats, &by_instance, &replayed, several,
                      compare = compare_with.has_value()](const events::event& e) {
    stats.add(e);
    if (several) by_instance.add(e);
    if (compare) replayed.add(e);
  };

  const auto started = std::chrono::steady_clock::now();
  auto summary = backtest::run_backtest(request, strategies->instances);
  if (!summary) {
    std::fprintf(stderr, "striked backtest: %s\n", summary.error().message.c_str());
    return exit_code::failure;
  }
  const double took =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  std::string table = stats_table(stats.result());
  if (several)
    for (const auto& [name, t] : by_instance.result())
      table += "\ninstance " + name + "\n" + stats_table(t);
  std::fwrite(table.data(), 1, table.size(), stdout);
  std::printf("%-22s %lld in %s\n", "events", static_cast<long long>(summary->events),
              (request.out / "events.jsonl").c_str());
  std::printf("%-22s %.2f s, %.0f prints/s\n", "took", took,
              took > 0 ? static_cast<double>(summary->prints) / took : 0.0);
  if (!compare_with) return exit_code::ok;
  auto read = storage::read_journal(journal_dir(*compare_with), 0,
                                    [&live](const events::event& e) -> status {
                                      live.add(e);
                                      return {};
                                    });
  if (!read) return fail(read.error().message);
  const auto compared =
      core::report::compare_decisions(live, replayed, *tolerance_s * core::ns_per_s);
  const std::string report = core::report::describe(compared);
  std::fwrite(report.data(), 1, report.size(), stdout);
  return compared.first ? exit_code::failure : exit_code::ok;
}

}  // namespace strike::daemon
