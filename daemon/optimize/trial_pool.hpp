// Trials run on a number of threads and handed back in id order, so what is written from them
// is the same whatever the number of threads. Workers run at most a few trials ahead of the
// slowest unfinished one, so the outcomes waiting to be handed back stay few.
#pragma once

#include <cstdint>
#include <functional>

#include "daemon/optimize/trial.hpp"

namespace strike::daemon::optimize {

// Trial ids first, first + stride, ... below end: a whole sweep (0, 1, total) or a shard of it
// (i, n, total).
struct trial_ids {
  std::int64_t first = 0;
  std::int64_t stride = 1;
  std::int64_t end = 0;

  std::int64_t count() const { return first < end ? (end - first + stride - 1) / stride : 0; }
  std::int64_t at(std::int64_t k) const { return first + k * stride; }
};

// Runs every trial of ids with `jobs` threads; take receives each outcome, in id order, on the
// calling thread.
void run_trials(const trial_setup& setup, trial_ids ids, int jobs,
                const std::function<void(trial_outcome&&)>& take);

}  // namespace strike::daemon::optimize
