#include "daemon/logging.hpp"

#include <fcntl.h>
#include <spdlog/details/file_helper.h>
#include <spdlog/sinks/base_sink.h>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>
#include <sys/stat.h>
#include <unistd.h>

#include <mutex>

#include "base/file_io.hpp"

namespace strike::daemon {
namespace {

constexpr const char* pattern = "%Y-%m-%dT%H:%M:%S.%e%z %l [%s:%#] %v";

// A file sink that can close and reopen its file by name under the sink's own lock, so a
// reopen never races a thread that is logging or flushing. The file is created (or narrowed) to
// mode 0600 before it is opened, so no other user ever gets a descriptor to it.
class reopenable_file_sink final : public spdlog::sinks::base_sink<std::mutex> {
 public:
  explicit reopenable_file_sink(const std::string& path) : file_(private_creation()) {
    file_.open(path);
  }

  // Throws spdlog::spdlog_ex when the file cannot be opened.
  void reopen() {
    std::lock_guard<std::mutex> lock(mutex_);
    file_.reopen(false);
  }

 private:
  static spdlog::file_event_handlers private_creation() {
    spdlog::file_event_handlers h;
    h.before_open = [](const spdlog::filename_t& name) {
      const int fd = ::open(name.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
      if (fd < 0) return;  // the open that follows reports it
      ::fchmod(fd, 0600);  // a file left by an older version may be wider
      ::close(fd);
    };
    return h;
  }

  void sink_it_(const spdlog::details::log_msg& msg) override {
    spdlog::memory_buf_t formatted;
    formatter_->format(msg, formatted);
    file_.write(formatted);
  }
  void flush_() override { file_.flush(); }

  spdlog::details::file_helper file_;
};

std::shared_ptr<reopenable_file_sink> file_sink;

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
  file_sink.reset();
  install({std::make_shared<spdlog::sinks::stderr_sink_mt>()}, level);
}

status init_daemon_logging(const std::filesystem::path& log_dir, std::string_view level) {
  if (auto s = base::ensure_directory(log_dir); !s) return s;
  const auto path = log_dir / "striked.log";
  try {
    file_sink = std::make_shared<reopenable_file_sink>(path.string());
  } catch (const spdlog::spdlog_ex& e) {
    return error{"cannot open log file " + path.string() + ": " + e.what()};
  }
  install({std::make_shared<spdlog::sinks::stderr_sink_mt>(), file_sink}, level);
  return {};
}

void reopen_log_file() {
  if (!file_sink) return;
  try {
    file_sink->reopen();
  } catch (const spdlog::spdlog_ex& e) {
    // Logging goes on to stderr (the journal of systemd) until a later reopen succeeds.
    SPDLOG_ERROR("cannot reopen the log file: {}", e.what());
  }
}

}  // namespace strike::daemon
