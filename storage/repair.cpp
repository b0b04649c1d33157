#include "storage/repair.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>

#include "base/file_io.hpp"

namespace strike::storage {

result<repair_report> cut_torn_tail(const std::filesystem::path& path, std::int64_t intact_bytes) {
  auto content = base::read_file(path);
  if (!content) return content.error();
  const auto size = static_cast<std::int64_t>(content->size());
  repair_report report{intact_bytes, size - intact_bytes, {}};
  if (report.bytes_cut <= 0) return report;

  auto saved = path;
  saved += ".torn-" + std::to_string(intact_bytes);
  for (int n = 1; std::filesystem::exists(saved); ++n) {
    saved = path;
    saved += ".torn-" + std::to_string(intact_bytes) + "." + std::to_string(n);
  }
  const std::string_view tail(content->data() + intact_bytes,
                              static_cast<std::size_t>(report.bytes_cut));
  if (auto s = base::write_file_atomic(saved, tail); !s) return s.error();
  report.saved_as = saved;

  const int fd = ::open(path.c_str(), O_WRONLY | O_CLOEXEC);
  if (fd < 0) return errno_error("open(" + path.string() + ")", errno);
  if (::ftruncate(fd, intact_bytes) != 0 || ::fsync(fd) != 0) {
    const int err = errno;
    ::close(fd);
    return errno_error("truncate(" + path.string() + ")", err);
  }
  ::close(fd);
  if (auto s = base::sync_directory(path.parent_path()); !s) return s.error();
  return report;
}

}  // namespace strike::storage
