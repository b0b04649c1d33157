// Process logging: "timestamp level [file:line] message" to stderr and, for the daemon, to a
// file in the log directory. Log with the SPDLOG_INFO(...) family so file and line are filled.
#pragma once

#include <filesystem>
#include <string_view>

#include "base/result.hpp"

namespace strike::daemon {

// Logs to stderr only (tools and subcommands).
void init_console_logging(std::string_view level);

// Logs to stderr and log_dir/striked.log (created, mode 0600).
status init_daemon_logging(const std::filesystem::path& log_dir, std::string_view level);

// Reopens the log file (after logrotate moved it). Safe to call from the reactor.
void reopen_log_file();

}  // namespace strike::daemon
