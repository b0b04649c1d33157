#include "daemon/optimize/sweep_run.hpp"

#include <fstream>

#include "base/file_io.hpp"
#include "core/sha256.hpp"

namespace strike::daemon::optimize {

status tally_trials(const trial_setup& setup, trial_ids ids, int jobs, sweep_tally& tally,
                    progress& shown, const std::string& where,
                    const std::function<void(const std::string&)>& also) {
  status problem;
  run_trials(setup, ids, jobs, [&](trial_outcome&& t) {
    if (!problem) return;
    const auto record = trial_record(*setup.plan, t);
    if (also) also(record);
    problem = tally.add(record, t.id, where + "trial " + std::to_string(t.id));
    shown.update(tally.trials(), tally.best_so_far());
  });
  return problem;
}

status run_whole(const sweep_run& r) {
  const sweep& plan = *r.setup->plan;
  if (auto s = base::ensure_directory(r.out); !s) return s;
  if (std::filesystem::exists(r.out / "results.jsonl"))
    return error{(r.out / "results.jsonl").string() + ": the directory holds results already"};
  const auto partial = r.out / "results.jsonl.partial";
  std::ofstream results(partial, std::ios::binary);
  sweep_tally tally(plan, r.identity.pbo_blocks, results);
  progress shown("optimize", plan.trials(), r.quiet);
  if (auto s = tally_trials(*r.setup, {0, 1, plan.trials()}, r.jobs, tally, shown, ""); !s)
    return s;
  results.close();
  if (!results) return error{partial.string() + ": cannot write"};
  std::error_code ec;
  std::filesystem::rename(partial, r.out / "results.jsonl", ec);
  if (ec) return error{(r.out / "results.jsonl").string() + ": cannot write: " + ec.message()};
  return tally.finish(r.out, peak_rss_kb());
}

result<bool> run_shard(const sweep_run& r, int index, int count) {
  const sweep& plan = *r.setup->plan;
  const auto name = shard_name(index, count);
  if (auto s = base::ensure_directory(r.out); !s) return s.error();
  auto done = read_marker(r.out, index, count);
  if (!done) return done.error();
  if (*done) {
    if (!((*done)->identity == r.identity))
      return error{(r.out / (name + ".done")).string() +
                   ": this shard of another run is finished there; give another --out"};
    auto sum = core::file_sha256(r.out / (name + ".jsonl"));
    if (sum && *sum == (*done)->sha256) return false;
    // The marker outlived its file, or the file was changed: run the shard again.
  }
  const auto partial = r.out / (name + ".jsonl.partial");
  std::ofstream file(partial, std::ios::binary | std::ios::trunc);
  if (!file) return error{partial.string() + ": cannot write"};
  core::sha256_stream hash;
  std::ofstream nowhere;  // a shard's tally only tracks the best so far
  sweep_tally tally(plan, r.identity.pbo_blocks, nowhere);
  const trial_ids ids{index, count, plan.trials()};
  progress shown("optimize " + name, ids.count(), r.quiet);
  auto written =
      tally_trials(*r.setup, ids, r.jobs, tally, shown, "", [&](const std::string& record) {
        file << record;
        hash.update(record);
      });
  if (!written) return written.error();
  file.close();
  if (!file) return error{partial.string() + ": cannot write"};
  std::error_code ec;
  std::filesystem::rename(partial, r.out / (name + ".jsonl"), ec);
  if (ec) return error{(r.out / (name + ".jsonl")).string() + ": cannot write: " + ec.message()};
  shard_marker m;
  m.index = index;
  m.count = count;
  m.trials = ids.count();
  m.total = plan.trials();
  m.sha256 = hash.hex();
  m.identity = r.identity;
  m.sweep_file = plan.file;
  m.sweep_text = plan.text;
  if (auto s = write_marker(r.out, m); !s) return s.error();
  return true;
}

}  // namespace strike::daemon::optimize
