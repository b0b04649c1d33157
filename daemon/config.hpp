// The daemon's configuration, read from config.toml. Every key is documented in the shipped
// config.toml; unknown keys, wrong types and out-of-range values refuse to start.
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "base/result.hpp"
#include "core/session/expiry_rules.hpp"
#include "daemon/alerts/alerts_config.hpp"
#include "daemon/backtest_config.hpp"
#include "daemon/broker_config.hpp"
#include "daemon/feed_config.hpp"
#include "daemon/runtime_config.hpp"
#include "daemon/status_config.hpp"
#include "daemon/trading_settings.hpp"
#include "storage/journal.hpp"

namespace strike::daemon {

struct daemon_section {
  std::string mode = "paper";  // "live", "paper" or "backtest"
  bool trading = true;         // false: journal, session clock and status only (maintenance)
  std::filesystem::path state_dir;
  std::filesystem::path log_dir;
  std::string log_level = "info";
  std::int64_t heartbeat_ms = 1000;
  std::int64_t shutdown_timeout_ms = 60'000;  // flatten bound, below systemd's TimeoutStopSec
  std::int64_t min_free_mb =
      512;                  // free space below this in state_dir or log_dir is "low"; 0 = never
  bool lock_memory = true;  // keep every page resident (daemon/memory_lock.hpp)
};

struct journal_section {
  storage::durability durability = storage::durability::group;
  std::int64_t group_commit_ms = 2;
  int rotate_at_minutes = 16 * 60 + 30;  // IST time of day the daily segment is closed
  std::int64_t snapshots_kept = 3;
  std::int64_t max_queued_mb = 64;
};

struct session_section {
  int entry_start = 10 * 60;                       // IST minutes: new entries allowed from ...
  int entry_end = 15 * 60;                         // ... until
  int eod_exit = 15 * 60 + 20;                     // every position is exited at this time
  std::vector<core::expiry_rule> expiry_weekdays;  // merged over the built-in NIFTY table
  std::filesystem::path holidays_file;             // empty: the built-in NSE list
};

struct market_section {
  std::int64_t bar_capacity = 500;       // bars kept in memory per (instrument, timeframe)
  std::int64_t compress_after_days = 7;  // bar files of older days are zstd-compressed
  std::vector<std::string> journal_bars{
      "NSE:99926000"};             // BarClosed journaled for these; "*" = all
  bool record_quoted_bars = true;  // 1m bars of the quoted options go to the bar files too
};

struct config {
  std::filesystem::path path;  // absolute
  std::string sha256;          // of the file's bytes
  daemon_section daemon;
  journal_section journal;
  session_section session;
  market_section market;
  trading_settings trading;
  runtime_sections runtime;
  broker_section broker;
  feeds_section feeds;
  status_section status;
  alerts_section alerts;
  backtest_section backtest;
};

// Reads and validates path. On failure the error lists every problem, one per line, each as
// "file:line:column: message".
result<config> load_config(const std::filesystem::path& path);

}  // namespace strike::daemon
