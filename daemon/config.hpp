// The daemon's configuration, read from config.toml. Every key is documented in the shipped
// config.toml; unknown keys, wrong types and out-of-range values refuse to start.
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "storage/journal.hpp"

namespace strike::daemon {

struct daemon_section {
  std::string mode = "paper";  // "live", "paper" or "backtest"
  std::filesystem::path state_dir;
  std::filesystem::path log_dir;
  std::string log_level = "info";
  std::int64_t heartbeat_ms = 1000;
  std::int64_t shutdown_timeout_ms = 60'000;  // flatten bound, below systemd's TimeoutStopSec
};

struct journal_section {
  storage::durability durability = storage::durability::group;
  std::int64_t group_commit_ms = 2;
  int rotate_at_minutes = 16 * 60 + 30;  // IST time of day the daily segment is closed
  std::int64_t snapshots_kept = 3;
  std::int64_t max_queued_mb = 64;
};

struct config {
  std::filesystem::path path;  // absolute
  std::string sha256;          // of the file's bytes
  daemon_section daemon;
  journal_section journal;
};

// Reads and validates path. On failure the error lists every problem, one per line, each as
// "file:line:column: message".
result<config> load_config(const std::filesystem::path& path);

}  // namespace strike::daemon
