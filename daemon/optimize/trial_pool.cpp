#include "daemon/optimize/trial_pool.hpp"

#include <atomic>
#include <condition_variable>
#include <map>
#include <mutex>
#include <thread>
#include <vector>

namespace strike::daemon::optimize {

void run_trials(const trial_setup& setup, trial_ids ids, int jobs,
                const std::function<void(trial_outcome&&)>& take) {
  const std::int64_t total = ids.count();
  const auto window = static_cast<std::int64_t>(jobs) * 4;  // trials ahead of the one awaited
  std::atomic<std::int64_t> next{0};
  std::mutex mutex;
  std::condition_variable changed;
  std::map<std::int64_t, trial_outcome> done;  // finished, not yet taken; by position in ids
  std::int64_t taken = 0;
  std::vector<std::jthread> workers;
  for (int w = 0; w < jobs; ++w)
    workers.emplace_back([&] {
      for (std::int64_t k = next++; k < total; k = next++) {
        {
          std::unique_lock lock(mutex);
          changed.wait(lock, [&] { return k < taken + window; });
        }
        auto outcome = run_trial(setup, ids.at(k));
        std::lock_guard lock(mutex);
        done.emplace(k, std::move(outcome));
        changed.notify_all();
      }
    });
  while (taken < total) {
    trial_outcome t;
    {
      std::unique_lock lock(mutex);
      changed.wait(lock, [&] { return done.count(taken) != 0; });
      auto it = done.find(taken);
      t = std::move(it->second);
      done.erase(it);
      ++taken;
      changed.notify_all();
    }
    take(std::move(t));
  }
}

}  // namespace strike::daemon::optimize
