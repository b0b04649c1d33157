// A finished trial as the optimiser carries it from the worker that ran it to the files that
// report it, and the tally of a sweep's trials in id order: results.jsonl, best.toml and
// summary.json (the best feasible trial, its deflated Sharpe ratio, the probability of backtest
// overfitting).
//
// A trial's record is one line of text,
//     {"trial":3,"returns":[0.0012,-0.0004,...],"result":{...its line of results.jsonl...}}
// and the tally reads everything it decides from that text alone. A shard file is these lines,
// and a single run hands the very same text straight to the tally; so a merge of shards and a
// run on one machine decide from identical numbers and write identical files.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.hpp"
#include "core/report/overfitting.hpp"
#include "daemon/optimize/sweep.hpp"
#include "daemon/optimize/trial.hpp"

namespace strike::daemon::optimize {

// The record of t, newline-terminated.
std::string trial_record(const sweep& plan, const trial_outcome& t);

class sweep_tally {
 public:
  // results receives each trial's line of results.jsonl as it is added.
  sweep_tally(const sweep& plan, int pbo_blocks, std::ostream& results);

  // Adds the record of trial `expected`: an error when the text is damaged or is another
  // trial's. where names it in the error ("shard-1-of-4.jsonl:7").
  status add(std::string_view record, std::int64_t expected, const std::string& where);

  std::int64_t trials() const { return static_cast<std::int64_t>(kept_.size()); }
  std::int64_t feasible() const { return feasible_; }
  std::int64_t failed() const { return failed_; }
  // The best feasible trial so far: "sharpe 1.24 (trial 17)", or "none yet".
  std::string best_so_far() const;

  struct chosen {
    std::int64_t id = 0;
    double objective = 0;
    std::vector<double> returns;
    std::string line;  // its line of results.jsonl, without the newline
  };
  // The best feasible trial: the highest objective, the lowest id of equals.
  const std::optional<chosen>& best() const { return best_; }

  // Writes best.toml (when a trial met the constraints) and summary.json to out and, when
  // report, prints the report on stdout.
  status finish(const std::filesystem::path& out, std::int64_t peak_rss_kb,
                bool report = true) const;

 private:
  struct kept {
    double daily_sharpe = 0;
    std::optional<core::report::block_sums> blocks;  // for the cross-validation
  };

  const sweep& plan_;
  int blocks_;
  std::ostream& results_;
  std::vector<kept> kept_;
  std::optional<chosen> best_;
  std::int64_t feasible_ = 0;
  std::int64_t failed_ = 0;
  std::string pbo_problem_;  // why there is no probability of overfitting
};

}  // namespace strike::daemon::optimize
