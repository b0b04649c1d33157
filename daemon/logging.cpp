#include "daemon/logging.hpp"

#include <spdlog/sinks/basic_file_sink.h>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>
#include <sys/stat.h>

#include "storage/file_io.hpp"

namespace strike::daemon {
namespace {

constexpr const char* pattern = "%Y-%m-%dT%H:%M:%S.%e%z %l [%s:%#] %v";

std::shared_ptr<spdlog::sinks::basic_file_sink_mt> file_sink;
std::filesystem::path file_path;

void install(std::vector<spdlog::sink_ptr> sinks, std::string_view level) {
  auto logger = std::make_shared<spdlog::logger>("strike", sinks.begin(), sinks.end());
  logger->set_pattern(pattern);
  logger->set_level(spdlog::level::from_str(std::string(level)));
  logger->flush_on(spdlog::level::warn);
  spdlog::set_default_logger(logger);
  spdlog::flush_every(std::chrono::seconds(1));
}

}  // namespace

void init_console_logging(std::string_view level) {
  install({std::make_shared<spdlog::sinks::stderr_sink_mt>()}, level);
}

status init_daemon_logging(const std::filesystem::path& log_dir, std::string_view level) {
  if (auto s = storage::ensure_directory(log_dir); !s) return s;
  file_path = log_dir / "striked.log";
  try {
    file_sink = std::make_shared<spdlog::sinks::basic_file_sink_mt>(file_path.string());
  } catch (const spdlog::spdlog_ex& e) {
    return error{"cannot open log file " + file_path.string() + ": " + e.what()};
  }
  ::chmod(file_path.c_str(), 0600);
  install({std::make_shared<spdlog::sinks::stderr_sink_mt>(), file_sink}, level);
  return {};
}

void reopen_log_file() {
  if (!file_sink) return;
  file_sink->flush();
  file_sink->set_pattern(pattern);
  // basic_file_sink has no reopen: truncate=false reopens the same name, creating it anew if
  // logrotate moved the old file away.
  auto fresh = std::make_shared<spdlog::sinks::basic_file_sink_mt>(file_path.string());
  ::chmod(file_path.c_str(), 0600);
  auto& sinks = spdlog::default_logger()->sinks();
  for (auto& s : sinks)
    if (s == file_sink) s = fresh;
  file_sink = fresh;
}

}  // namespace strike::daemon
