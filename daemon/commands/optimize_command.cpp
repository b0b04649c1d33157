// `striked optimize`: a sweep of configuration values backtested trial by trial on every core,
// results in trial order whatever the number of workers, the best trial as a configuration
// fragment, and how much of it is luck (deflated Sharpe ratio, probability of overfitting); or
// one shard of the sweep, and `optimize merge` to put the shards together.
#include <cstdio>
#include <thread>

#include "backtest/synthetic_market.hpp"
#include "base/file_io.hpp"
#include "core/sha256.hpp"
#include "daemon/commands/backtest_data.hpp"
#include "daemon/commands/commands.hpp"
#include "daemon/config_table.hpp"
#include "daemon/exit_codes.hpp"
#include "daemon/holidays_file.hpp"
#include "daemon/logging.hpp"
#include "daemon/optimize/progress.hpp"
#include "daemon/optimize/shards.hpp"
#include "daemon/optimize/sweep_check.hpp"
#include "daemon/optimize/sweep_run.hpp"
#include "daemon/optimize/walk_forward.hpp"
#include "daemon/strategy_instances.hpp"

namespace strike::daemon {

namespace {

namespace opt = optimize;

constexpr const char* usage =
    R"(usage: striked optimize --config FILE --sweep SWEEP.toml --from YYYY-MM-DD --to YYYY-MM-DD
                         (--data DIR | --synthetic SEED) --out DIR [-j N] [--shard I/N]
                         [--walk-forward TRAIN:TEST[:anchored]] [--step SECONDS]
                         [--strikes N] [--pbo-blocks N] [--quiet]
       striked optimize merge --out DIR SHARD_DIR...
  Backtests every trial of the sweep (docs/optimize.md) on the configuration with the trial's
  values, N at a time (every core by default). Writes results.jsonl (a line per trial, in trial
  order), best.toml (the best feasible trial's values) and summary.json (the best trial, its
  deflated Sharpe ratio and the probability of backtest overfitting) to DIR.
  --shard I/N runs only the trials whose number is I mod N, into shard-I-of-N.jsonl and, once
  whole, shard-I-of-N.done in DIR; a finished shard is not run again. merge checks that every
  shard of one run is there once and whole, and writes what a single run would have written.
  --walk-forward optimises on TRAIN sessions and trades the best trial on the TEST sessions
  after them, window after window (rolling, or anchored at --from); the out-of-sample windows
  stitched together are the headline (walk_forward.jsonl, equity.csv, summary.json).
)";

int fail(const std::string& why) {
  std::fprintf(stderr, "striked optimize: %s\n", why.c_str());
  return exit_code::usage;
}

int failed(const std::string& why) {
  std::fprintf(stderr, "striked optimize: %s\n", why.c_str());
  return exit_code::failure;
}

}  // namespace

int optimize_merge_command(args& a) {
  const auto out = a.option("--out");
  const auto dirs = a.positionals();
  if (a.unused() || !out || dirs.empty()) {
    std::fputs(usage, stderr);
    return exit_code::usage;
  }
  std::vector<std::filesystem::path> paths(dirs.begin(), dirs.end());
  if (auto s = opt::merge_shards(*out, paths); !s) return failed(s.error().message);
  std::printf("merged into %s; peak memory %lld MB\n", out->c_str(),
              static_cast<long long>(opt::peak_rss_kb() / 1024));
  return exit_code::ok;
}

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
  const auto shard_text = a.option("--shard");
  const auto walk_text = a.option("--walk-forward");
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
  std::optional<std::pair<int, int>> shard;
  if (shard_text) {
    auto parsed = opt::parse_shard(*shard_text);
    if (!parsed) return fail(parsed.error().message);
    shard = *parsed;
  }
  std::optional<opt::walk_forward_spec> walk;
  if (walk_text) {
    auto parsed = opt::parse_walk_forward(*walk_text);
    if (!parsed) return fail(parsed.error().message);
    walk = *parsed;
  }
  if (walk && shard) return fail("--walk-forward and --shard: a walk-forward runs on one machine");

  const auto config_file = std::filesystem::absolute(*config_path).lexically_normal();
  auto bytes = base::read_file(config_file);
  if (!bytes) return fail(config_file.string() + ": cannot read: " + bytes.error().message);
  auto base = parse_config_table(*bytes, config_file);
  if (!base) return fail(base.error().message);
  auto whole = read_config(*base, config_file, "");
  if (!whole) return fail(whole.error().message);
  auto plan = opt::load_sweep(*sweep_path);
  if (!plan) return fail(plan.error().message);
  if (auto s = opt::check_sweep(*plan, *base, config_file); !s) return fail(s.error().message);
  init_console_logging("error");

  const std::filesystem::path out = *out_text;

  opt::trial_setup setup;
  setup.plan = &*plan;
  setup.base = &*base;
  setup.config_file = config_file;
  setup.from = *from;
  setup.to = *to;
  setup.step_ns = *step_s * core::ns_per_s;
  if (seed_text) {
    auto instances = make_strategy_instances(whole->runtime);
    if (!instances) return fail(instances.error().message);
    setup.market = [seed, anchor = *from, band = *strikes,
                    names =
                        underlying_names(traded_underlyings(whole->runtime, instances->instances))](
                       std::int64_t) -> result<std::shared_ptr<backtest::market_source>> {
      return std::shared_ptr<backtest::market_source>(
          std::make_shared<backtest::synthetic_market>(backtest::synthetic_options{
              .seed = seed, .anchor = anchor, .band_strikes = band, .underlyings = names}));
    };
  } else {
    // The contracts and the days read once, shared read-only by every trial.
    auto opened = open_recorded_data(*data_dir, whole->backtest.spread_paise, true);
    if (!opened) return fail("--data " + opened.error().message);
    setup.market = [data = std::make_shared<const recorded_data>(std::move(*opened))](
                       std::int64_t spread) -> result<std::shared_ptr<backtest::market_source>> {
      auto market = data_market(*data, spread);
      if (!market) return error{"--data " + market.error().message};
      return std::shared_ptr<backtest::market_source>(std::move(*market));
    };
  }

  opt::sweep_run run;
  run.setup = &setup;
  run.jobs = *jobs;
  run.quiet = quiet;
  run.out = out;
  run.identity.pbo_blocks = *blocks;
  if (walk) {
    auto calendar = make_session_calendar(whole->session);
    if (!calendar) return fail(calendar.error().message);
    if (auto s =
            opt::run_walk_forward(run, *walk, *calendar, whole->trading.trading.risk.capital_paise);
        !s)
      return failed(s.error().message);
    std::printf("results in %s; peak memory %lld MB\n", out.c_str(),
                static_cast<long long>(opt::peak_rss_kb() / 1024));
    return exit_code::ok;
  }
  if (!shard) {
    if (auto s = opt::run_whole(run); !s) return failed(s.error().message);
    std::printf("results in %s; peak memory %lld MB\n", out.c_str(),
                static_cast<long long>(opt::peak_rss_kb() / 1024));
    return exit_code::ok;
  }
  run.identity.sweep_sha256 = plan->sha256;
  run.identity.config_sha256 = core::sha256_hex(*bytes);
  auto data_sha =
      data_dir ? recorded_data_sha256(*data_dir)
               : result<std::string>(core::sha256_hex("synthetic " + std::to_string(seed) +
                                                      " strikes " + std::to_string(*strikes)));
  if (!data_sha) return fail(data_sha.error().message);
  run.identity.data_sha256 = *data_sha;
  auto binary_sha = core::file_sha256("/proc/self/exe");
  if (!binary_sha) return fail(binary_sha.error().message);
  run.identity.binary_sha256 = *binary_sha;
  run.identity.options = "--from " + core::format_date(*from) + " --to " + core::format_date(*to) +
                         " --step " + std::to_string(*step_s) + " --strikes " +
                         std::to_string(*strikes);
  auto ran = opt::run_shard(run, shard->first, shard->second);
  if (!ran) return failed(ran.error().message);
  const auto name = opt::shard_name(shard->first, shard->second);
  std::printf(*ran ? "%s: finished in %s\n" : "%s: finished in %s already; nothing to do\n",
              name.c_str(), out.c_str());
  return exit_code::ok;
}

}  // namespace strike::daemon
