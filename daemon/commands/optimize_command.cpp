// `striked optimize`: a sweep of configuration values backtested trial by trial on every core,
// results in trial order whatever the number of workers, the best trial as a configuration
// fragment, and how much of it is luck (deflated Sharpe ratio, probability of overfitting).
#include <sys/resource.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <fstream>
#include <map>
#include <mutex>
#include <optional>
#include <thread>

#include "backtest/synthetic_market.hpp"
#include "base/file_io.hpp"
#include "core/report/overfitting.hpp"
#include "daemon/commands/backtest_data.hpp"
#include "daemon/commands/commands.hpp"
#include "daemon/config_table.hpp"
#include "daemon/exit_codes.hpp"
#include "daemon/logging.hpp"
#include "daemon/optimize/results.hpp"
#include "daemon/optimize/sweep_check.hpp"

namespace strike::daemon {

namespace {

namespace opt = optimize;

constexpr const char* usage =
    R"(usage: striked optimize --config FILE --sweep SWEEP.toml --from YYYY-MM-DD --to YYYY-MM-DD
                         (--data DIR | --synthetic SEED) --out DIR [-j N] [--step SECONDS]
                         [--strikes N] [--pbo-blocks N] [--quiet]
  Backtests every trial of the sweep (docs/optimize.md) on the configuration with the trial's
  values, N at a time (every core by default). Writes results.jsonl (a line per trial, in trial
  order), best.toml (the best feasible trial's values) and summary.json (the best trial, its
  deflated Sharpe ratio and the probability of backtest overfitting) to DIR.
)";

int fail(const std::string& why) {
  std::fprintf(stderr, "striked optimize: %s\n", why.c_str());
  return exit_code::usage;
}

std::int64_t peak_rss_kb() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return u.ru_maxrss;
}

// What the optimisation keeps of each trial once its line is written: a few numbers, not its
// returns, so memory does not grow with the sessions times the trials.
struct kept {
  double daily_sharpe = 0;
  std::optional<core::report::block_sums> blocks;  // for the cross-validation
};

}  // namespace

int optimize_command(args& a) {
  const auto config_path = a.option("--config");
  const auto sweep_path = a.option("--sweep");
  const auto from_text = a.option("--from");
  const auto to_text = a.option("--to");
  const auto seed_text = a.option("--synthetic");
  const auto data_dir = a.option("--data");
  const auto out_text = a.option("--out");
  const auto jobs_text = a.option("-j");
  const auto step_text = a.option("--step");
  const auto strikes_text = a.option("--strikes");
  const auto blocks_text = a.option("--pbo-blocks");
  const bool quiet = a.flag("--quiet");
  if (a.unused() || !a.positionals().empty() || !config_path || !sweep_path || !from_text ||
      !to_text || !out_text) {
    std::fputs(usage, stderr);
    return exit_code::usage;
  }
  if (data_dir && seed_text) return fail("--data and --synthetic: choose one");
  if (!data_dir && !seed_text)
    return fail("say where the market days come from: --data DIR or --synthetic SEED");
  const auto from = core::parse_date(*from_text);
  const auto to = core::parse_date(*to_text);
  if (!from) return fail("--from " + *from_text + ": not a date (YYYY-MM-DD)");
  if (!to) return fail("--to " + *to_text + ": not a date (YYYY-MM-DD)");
  if (*to < *from) return fail("--from " + *from_text + " is after --to " + *to_text);
  std::uint64_t seed = 0;
  if (seed_text) {
    char* end = nullptr;
    seed = std::strtoull(seed_text->c_str(), &end, 10);
    if (seed_text->empty() || *end != '\0')
      return fail("--synthetic " + *seed_text + ": not a seed (a whole number)");
  }
  const int cores = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  const auto jobs = jobs_text ? whole_number(*jobs_text, 1, 1024) : cores;
  if (!jobs) return fail("-j " + *jobs_text + ": workers, 1 to 1024");
  const auto step_s = step_text ? whole_number(*step_text, 1, 60) : 15;
  if (!step_s) return fail("--step " + *step_text + ": seconds between prints, 1 to 60");
  const auto strikes = strikes_text ? whole_number(*strikes_text, 0, 20) : 5;
  if (!strikes) return fail("--strikes " + *strikes_text + ": 0 to 20");
  const auto blocks = blocks_text ? whole_number(*blocks_text, 2, 24) : 16;
  if (!blocks || *blocks % 2) return fail("--pbo-blocks: an even number, 2 to 24");

  const auto config_file = std::filesystem::absolute(*config_path).lexically_normal();
  auto bytes = base::read_file(config_file);
  if (!bytes) return fail(config_file.string() + ": cannot read: " + bytes.error().message);
  auto base = parse_config_table(*bytes, config_file);
  if (!base) return fail(base.error().message);
  if (auto whole = read_config(*base, config_file, ""); !whole) return fail(whole.error().message);
  auto plan = opt::load_sweep(*sweep_path);
  if (!plan) return fail(plan.error().message);
  if (auto s = opt::check_sweep(*plan, *base, config_file); !s) return fail(s.error().message);
  init_console_logging("error");

  const std::filesystem::path out = *out_text;
  if (auto s = base::ensure_directory(out); !s) return fail(s.error().message);
  if (std::filesystem::exists(out / "results.jsonl"))
    return fail((out / "results.jsonl").string() + ": the directory holds results already");
  const auto incomplete = out / "INCOMPLETE";
  std::ofstream(incomplete) << "an optimisation is writing here, or stopped before it finished\n";

  opt::trial_setup setup;
  setup.plan = &*plan;
  setup.base = &*base;
  setup.config_file = config_file;
  setup.from = *from;
  setup.to = *to;
  setup.step_ns = *step_s * core::ns_per_s;
  if (seed_text) {
    setup.market = [seed, anchor = *from, band = *strikes](
                       std::int64_t) -> result<std::shared_ptr<backtest::market_source>> {
      return std::shared_ptr<backtest::market_source>(std::make_shared<backtest::synthetic_market>(
          backtest::synthetic_options{.seed = seed, .anchor = anchor, .band_strikes = band}));
    };
  } else {
    setup.market =
        [dir = *data_dir](std::int64_t spread) -> result<std::shared_ptr<backtest::market_source>> {
      auto opened = open_recorded_data(dir, spread);
      if (!opened) return error{"--data " + opened.error().message};
      auto data = std::make_shared<recorded_data>(std::move(*opened));
      return std::shared_ptr<backtest::market_source>(data, data->market.get());
    };
  }

  const std::int64_t total = plan->trials();
  const auto window = static_cast<std::int64_t>(*jobs) * 4;  // trials ahead of the writer
  std::atomic<std::int64_t> next{0};
  std::mutex mutex;
  std::condition_variable changed;
  std::map<std::int64_t, opt::trial_outcome> done;  // finished, not yet written
  std::int64_t written = 0;
  std::vector<std::thread> workers;
  for (int w = 0; w < *jobs; ++w)
    workers.emplace_back([&] {
      for (std::int64_t id = next++; id < total; id = next++) {
        {
          std::unique_lock lock(mutex);
          changed.wait(lock, [&] { return id < written + window; });
        }
        auto outcome = opt::run_trial(setup, id);
        std::lock_guard lock(mutex);
        done.emplace(id, std::move(outcome));
        changed.notify_all();
      }
    });

  std::ofstream results(out / "results.jsonl", std::ios::binary);
  std::vector<kept> trials;
  std::optional<opt::trial_outcome> best;
  std::int64_t feasible = 0, failed = 0;
  std::string pbo_problem;  // why there is no probability of overfitting
  const auto started = std::chrono::steady_clock::now();
  auto shown = started;
  const bool tty = isatty(STDERR_FILENO) != 0;
  while (written < total) {
    opt::trial_outcome t;
    {
      std::unique_lock lock(mutex);
      changed.wait(lock, [&] { return done.count(written) != 0; });
      auto it = done.find(written);
      t = std::move(it->second);
      done.erase(it);
      ++written;
      changed.notify_all();
    }
    results << opt::result_line(*plan, t);
    failed += !t.error.empty();
    const double sharpe = core::report::sharpe_ratio(t.daily_returns);
    kept k{std::isfinite(sharpe) ? sharpe : 0.0, std::nullopt};
    if (t.error.empty()) {
      if (auto b = core::report::sum_blocks(t.daily_returns, *blocks))
        k.blocks = std::move(*b);
      else if (pbo_problem.empty())
        pbo_problem = b.error().message;
    }
    trials.push_back(std::move(k));
    if (opt::feasible(plan->constraints, t)) {
      ++feasible;
      // Ties go to the lower trial id, so the best is the same whatever -j is.
      if (!best ||
          opt::objective_value(plan->goal, t.stats) > opt::objective_value(plan->goal, best->stats))
        best = std::move(t);
    }
    const auto now = std::chrono::steady_clock::now();
    if (!quiet && (written == total || now - shown > std::chrono::seconds(tty ? 0 : 5))) {
      shown = now;
      const double elapsed = std::chrono::duration<double>(now - started).count();
      const double rate = elapsed > 0 ? static_cast<double>(written) / elapsed : 0;
      std::fprintf(stderr, "%soptimize: %lld/%lld trials, best %s, %.2f trials/s, ETA %.0f s%s",
                   tty ? "\r" : "", static_cast<long long>(written), static_cast<long long>(total),
                   best ? (std::string(opt::to_string(plan->goal)) + " " +
                           opt::to_toml(opt::objective_value(plan->goal, best->stats)) +
                           " (trial " + std::to_string(best->id) + ")")
                              .c_str()
                        : "none yet",
                   rate, rate > 0 ? static_cast<double>(total - written) / rate : 0.0,
                   tty && written != total ? "" : "\n");
    }
  }
  for (auto& w : workers) w.join();
  results.close();
  if (!results) return fail((out / "results.jsonl").string() + ": cannot write");

  std::string summary = "{\"trials\":" + std::to_string(total) +
                        ",\"feasible\":" + std::to_string(feasible) +
                        ",\"failed\":" + std::to_string(failed);
  if (best) {
    std::vector<double> sharpes;
    for (const auto& k : trials) sharpes.push_back(k.daily_sharpe);
    const auto d = core::report::deflate_sharpe(best->daily_returns, sharpes);
    summary += ",\"best\":" + std::to_string(best->id) + ",\"objective\":\"" +
               std::string(opt::to_string(plan->goal)) +
               "\",\"value\":" + opt::to_toml(opt::objective_value(plan->goal, best->stats)) +
               ",\"deflated_sharpe\":{\"daily_sharpe\":" + opt::to_toml(d.sharpe) +
               ",\"expected_max\":" + opt::to_toml(d.benchmark) +
               ",\"probability\":" + opt::to_toml(d.probability) + "}";
    std::vector<core::report::block_sums> cut;
    for (auto& k : trials)
      if (k.blocks) cut.push_back(std::move(*k.blocks));
    result<core::report::overfitting_probability> pbo =
        pbo_problem.empty() ? core::report::backtest_overfitting(cut)
                            : result<core::report::overfitting_probability>(error{pbo_problem});
    if (pbo)
      summary += ",\"pbo\":{\"probability\":" + opt::to_toml(pbo->probability) +
                 ",\"blocks\":" + std::to_string(*blocks) + "}";
    else
      std::fprintf(stderr, "striked optimize: no probability of overfitting: %s\n",
                   pbo.error().message.c_str());
    if (auto s = base::write_file_atomic(out / "best.toml", opt::best_toml(*plan, *best), 0644); !s)
      return fail(s.error().message);
    std::printf("best trial %lld: %s %s\n%s", static_cast<long long>(best->id),
                std::string(opt::to_string(plan->goal)).c_str(),
                opt::to_toml(opt::objective_value(plan->goal, best->stats)).c_str(),
                opt::best_toml(*plan, *best).c_str());
    std::printf("deflated Sharpe ratio %.4f (expected best of %lld without skill: %.4f a day)\n",
                d.probability, static_cast<long long>(total), d.benchmark);
    if (pbo) std::printf("probability of backtest overfitting %.4f\n", pbo->probability);
  } else {
    std::printf("no trial met the constraints\n");
  }
  summary += ",\"peak_rss_kb\":" + std::to_string(peak_rss_kb()) + ",\"finished\":true}\n";
  if (auto s = base::write_file_atomic(out / "summary.json", summary, 0644); !s)
    return fail(s.error().message);
  std::filesystem::remove(incomplete);
  std::printf("%lld trials (%lld feasible, %lld failed) in %s; peak memory %lld MB\n",
              static_cast<long long>(total), static_cast<long long>(feasible),
              static_cast<long long>(failed), out.c_str(),
              static_cast<long long>(peak_rss_kb() / 1024));
  return exit_code::ok;
}

}  // namespace strike::daemon
