// A sweep run on this machine: all of it (results.jsonl, best.toml and summary.json in out), or
// one shard of it for `optimize merge` to put together with the others (shards.hpp).
#pragma once

#include <filesystem>

#include "base/result.hpp"
#include "daemon/optimize/shards.hpp"
#include "daemon/optimize/sweep.hpp"
#include "daemon/optimize/trial.hpp"

namespace strike::daemon::optimize {

struct sweep_run {
  const trial_setup* setup = nullptr;
  int jobs = 1;
  bool quiet = false;
  std::filesystem::path out;
  run_identity identity;
};

status run_whole(const sweep_run& r);

// Runs shard index/count into r.out; false (and nothing run) when it finished there already.
// An error when r.out holds that shard of another run.
result<bool> run_shard(const sweep_run& r, int index, int count);

}  // namespace strike::daemon::optimize
