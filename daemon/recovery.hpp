// Start-up recovery: rebuild the state from the newest usable snapshot plus the events after
// it, and cut a torn tail off the active segment.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "base/result.hpp"
#include "core/state.hpp"
#include "storage/repair.hpp"

namespace strike::daemon {

struct recovery {
  core::state state;
  std::int64_t snapshot_seq = 0;    // 0 when replayed from the first event
  std::int64_t events_applied = 0;  // events folded on top of the snapshot
  std::int64_t bytes_read = 0;
  std::int64_t duration_ns = 0;
  std::optional<storage::repair_report> repair;  // set when a torn tail was cut
  std::filesystem::path repaired_segment;
  std::string repair_reason;
  std::vector<std::string> warnings;  // snapshots that could not be used, a tail left in place
};

struct recovery_options {
  bool use_snapshots = true;
  bool repair = false;  // cut a torn tail (the daemon does; read-only tools do not)
};

// Fails, naming file, line and byte offset, when the journal is damaged anywhere but its tail.
result<recovery> recover(const std::filesystem::path& dir, recovery_options options);

}  // namespace strike::daemon
