// A sweep split across machines: `--shard I/N` runs the trials whose id is I mod N and leaves a
// shard file (their records, daemon/optimize/tally.hpp) and, once it is whole, a marker that
// says how many trials it holds, its checksum, and what it is a shard of (the sweep, the
// configuration, the market data, the binary and the options, by hash). `optimize merge` puts
// the shards back together and writes what a single run would have written, byte for byte; it
// refuses shards that are missing, present twice, damaged, or of another run.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "base/result.hpp"

namespace strike::daemon::optimize {

// What every shard of one run shares.
struct run_identity {
  std::string sweep_sha256;
  std::string config_sha256;
  std::string data_sha256;    // the market days: the recorded files, or the synthetic seed
  std::string binary_sha256;  // striked itself: another build may trade differently
  std::string options;        // "--from 2026-01-05 --to 2026-01-09 --step 15 --strikes 5"
  int pbo_blocks = 16;

  bool operator==(const run_identity&) const = default;
};

struct shard_marker {
  int index = 0;
  int count = 1;
  std::int64_t trials = 0;  // in this shard
  std::int64_t total = 0;   // in the sweep
  std::string sha256;       // of the shard file
  run_identity identity;
  std::filesystem::path sweep_file;  // as the run named it
  std::string sweep_text;            // its bytes, so a merge needs only the shards
};

// "shard-1-of-4": the shard file is this + ".jsonl", its marker this + ".done".
std::string shard_name(int index, int count);

// "I/N" with 0 <= I < N <= 100000.
result<std::pair<int, int>> parse_shard(const std::string& text);

// Writes the marker into dir atomically.
status write_marker(const std::filesystem::path& dir, const shard_marker& m);

// The marker of shard index/count in dir, when there is one.
result<std::optional<shard_marker>> read_marker(const std::filesystem::path& dir, int index,
                                                int count);

// Merges the shards found in dirs into out: results.jsonl, best.toml, summary.json.
status merge_shards(const std::filesystem::path& out,
                    const std::vector<std::filesystem::path>& dirs);

}  // namespace strike::daemon::optimize
