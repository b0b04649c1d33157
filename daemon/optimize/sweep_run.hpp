// A sweep run on this machine: all of it (results.jsonl, best.toml and summary.json in out), or
// one shard of it for `optimize merge` to put together with the others (shards.hpp).
#pragma once

#include <filesystem>
#include <functional>
#include <string>

#include "base/result.hpp"
#include "daemon/optimize/progress.hpp"
#include "daemon/optimize/shards.hpp"
#include "daemon/optimize/sweep.hpp"
#include "daemon/optimize/tally.hpp"
#include "daemon/optimize/trial.hpp"
#include "daemon/optimize/trial_pool.hpp"

namespace strike::daemon::optimize {

struct sweep_run {
  const trial_setup* setup = nullptr;
  int jobs = 1;
  bool quiet = false;
  std::filesystem::path out;
  run_identity identity;
};

// Runs the trials ids of setup on jobs workers and adds each one's record to tally, in id
// order, showing progress; each record is also handed to also, when given. where names the
// trials in errors ("walk-forward 2/5").
status tally_trials(const trial_setup& setup, trial_ids ids, int jobs, sweep_tally& tally,
                    progress& shown, const std::string& where,
                    const std::function<void(const std::string&)>& also = {});

status run_whole(const sweep_run& r);

// Runs shard index/count into r.out; false (and nothing run) when it finished there already.
// An error when r.out holds that shard of another run.
result<bool> run_shard(const sweep_run& r, int index, int count);

}  // namespace strike::daemon::optimize
