// What `striked report` shows of an optimisation's output directory (`striked optimize --out
// DIR`, docs/optimize.md): every trial of results.jsonl, the deflated Sharpe ratio and the
// probability of backtest overfitting of summary.json, and, after a walk-forward, each window
// of walk_forward.jsonl with the overfitting figures of its window-K/summary.json.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "base/result.hpp"

namespace strike::daemon::report {

// The statistics of `striked stats --json` the pages show.
struct trial_stats {
  std::int64_t sessions = 0;
  std::int64_t trades = 0;
  double win_rate = 0;
  std::int64_t net_pnl_paise = 0;
  std::int64_t max_drawdown_paise = 0;
  double max_drawdown_pct = 0;
  double sharpe = 0;
  double profit_factor = 0;
};

struct trial_result {
  std::int64_t trial = 0;
  std::vector<std::string> values;             // as the sweep set them, in the parameters' order
  std::vector<std::optional<double>> numbers;  // the same values where they are numbers
  bool feasible = false;
  std::string error;  // a trial that could not run; it has no objective or statistics
  double objective = 0;
  trial_stats stats;
};

struct sweep_summary {
  std::int64_t trials = 0, feasible = 0, failed = 0;
  std::optional<std::int64_t> best;  // the best feasible trial; none when no trial met them
  std::string objective;             // "sharpe", "net_pnl", ...
  double value = 0;
  std::optional<double> deflated_sharpe;  // probability, 0..1
  double daily_sharpe = 0;
  double expected_max_sharpe = 0;  // the best daily Sharpe as many trials without skill show
  std::optional<double> pbo;       // probability of backtest overfitting, 0..1
  std::int64_t pbo_blocks = 0;
};

struct walk_fold {
  std::int64_t window = 0;
  std::string train_from, train_to, test_from, test_to;
  std::int64_t train_sessions = 0, test_sessions = 0;
  std::optional<std::int64_t> trial;  // none when no trial met the constraints
  double in_sample = 0;               // the chosen trial's objective, on the training window
  double out_of_sample = 0;           // and on the test window
  trial_stats out_of_sample_stats;
  std::optional<sweep_summary> training;  // window-K/summary.json
};

struct walk_summary {
  std::string objective;
  double out_of_sample = 0;  // the test windows stitched together
  std::optional<double> out_of_sample_mean, in_sample_mean;
  trial_stats out_of_sample_stats;
};

struct optimization_data {
  std::string name;                     // the directory's name
  std::vector<std::string> parameters;  // in results.jsonl's order
  std::vector<trial_result> trials;     // in trial order
  std::optional<sweep_summary> summary;
  std::vector<walk_fold> folds;  // empty unless walk_forward.jsonl exists
  std::optional<walk_summary> walk;
};

// Whether dir is an optimisation's output: it holds results.jsonl or walk_forward.jsonl.
bool is_optimization_dir(const std::filesystem::path& dir);

// Reads what of those files the directory holds; an error names the file and line it cannot
// read.
result<optimization_data> read_optimization(const std::filesystem::path& dir);

}  // namespace strike::daemon::report
