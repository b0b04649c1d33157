// Free disk space of the directories the daemon writes to, so it can stop opening positions
// before a full disk stops the journal (a failed append is fatal: docs/journal.md).
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>

#include "base/result.hpp"

namespace strike::daemon {

struct free_space {
  std::filesystem::path dir;
  std::int64_t free_bytes = 0;   // available to an unprivileged process (statvfs f_bavail)
  std::int64_t total_bytes = 0;  // size of the filesystem
  bool low = false;              // free_bytes is below the threshold it was checked against
};

// statvfs(dir). low when free_bytes < min_free_bytes (never when min_free_bytes is 0). One
// system call, no allocation beyond the path copy; it can block only on a network filesystem.
result<free_space> check_free_space(const std::filesystem::path& dir, std::int64_t min_free_bytes);

// The state and log directories, checked against [daemon] min_free_mb.
struct disk_report {
  free_space state;
  free_space log;

  bool low() const { return state.low || log.low; }
  // "state_dir /var/lib/strike: 412 MiB free of 20480 MiB, below 512 MiB" for each low
  // directory (both when neither is low), joined by "; ". Safe to journal and log.
  std::string describe(std::int64_t min_free_mb) const;
};

result<disk_report> check_disk(const std::filesystem::path& state_dir,
                               const std::filesystem::path& log_dir, std::int64_t min_free_mb);

}  // namespace strike::daemon
