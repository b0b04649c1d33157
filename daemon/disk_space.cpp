#include "daemon/disk_space.hpp"

#include <sys/statvfs.h>

#include <cerrno>

namespace strike::daemon {

namespace {

constexpr std::int64_t mib = 1 << 20;

std::string line_of(const char* name, const free_space& f, std::int64_t min_free_mb) {
  std::string out = std::string(name) + " " + f.dir.string() + ": " + std::to_string(f.free_bytes / mib) +
                    " MiB free of " + std::to_string(f.total_bytes / mib) + " MiB";
  if (f.low) out += ", below " + std::to_string(min_free_mb) + " MiB";
  return out;
}

}  // namespace

result<free_space> check_free_space(const std::filesystem::path& dir, std::int64_t min_free_bytes) {
  struct statvfs vfs {};
  if (::statvfs(dir.c_str(), &vfs) != 0) return errno_error("statvfs(" + dir.string() + ")", errno);
  free_space f;
  f.dir = dir;
  f.free_bytes = static_cast<std::int64_t>(vfs.f_bavail) * static_cast<std::int64_t>(vfs.f_frsize);
  f.total_bytes = static_cast<std::int64_t>(vfs.f_blocks) * static_cast<std::int64_t>(vfs.f_frsize);
  f.low = min_free_bytes > 0 && f.free_bytes < min_free_bytes;
  return f;
}

result<disk_report> check_disk(const std::filesystem::path& state_dir, const std::filesystem::path& log_dir,
                               std::int64_t min_free_mb) {
  const std::int64_t threshold = min_free_mb * mib;
  auto state = check_free_space(state_dir, threshold);
  if (!state) return state.error();
  auto log = check_free_space(log_dir, threshold);
  if (!log) return log.error();
  return disk_report{std::move(*state), std::move(*log)};
}

std::string disk_report::describe(std::int64_t min_free_mb) const {
  if (state.low != log.low) return state.low ? line_of("state_dir", state, min_free_mb) : line_of("log_dir", log, min_free_mb);
  return line_of("state_dir", state, min_free_mb) + "; " + line_of("log_dir", log, min_free_mb);
}

}  // namespace strike::daemon
