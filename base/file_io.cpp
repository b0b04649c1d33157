#include "base/file_io.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>

namespace strike::base {

status write_all(int fd, std::string_view data, const std::filesystem::path& path) {
  while (!data.empty()) {
    const ssize_t n = ::write(fd, data.data(), data.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      return errno_error("write(" + path.string() + ")", errno);
    }
    data.remove_prefix(static_cast<std::size_t>(n));
  }
  return {};
}

status sync_directory(const std::filesystem::path& dir) {
  const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return errno_error("open(" + dir.string() + ")", errno);
  const int rc = ::fsync(fd);
  const int err = errno;
  ::close(fd);
  if (rc != 0) return errno_error("fsync(" + dir.string() + ")", err);
  return {};
}

result<std::string> read_file(const std::filesystem::path& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return errno_error("open(" + path.string() + ")", errno);
  std::string out;
  struct stat st {};
  if (::fstat(fd, &st) == 0 && st.st_size > 0) out.reserve(static_cast<std::size_t>(st.st_size));
  char buf[1 << 16];
  for (;;) {
    const ssize_t n = ::read(fd, buf, sizeof buf);
    if (n < 0) {
      if (errno == EINTR) continue;
      const int err = errno;
      ::close(fd);
      return errno_error("read(" + path.string() + ")", err);
    }
    if (n == 0) break;
    out.append(buf, static_cast<std::size_t>(n));
  }
  ::close(fd);
  return out;
}

status write_file_atomic(const std::filesystem::path& path, std::string_view data, int mode) {
  auto tmp = path;
  tmp += ".tmp";
  const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode);
  if (fd < 0) return errno_error("open(" + tmp.string() + ")", errno);
  if (auto s = write_all(fd, data, tmp); !s) {
    ::close(fd);
    return s;
  }
  if (::fsync(fd) != 0) {
    const int err = errno;
    ::close(fd);
    return errno_error("fsync(" + tmp.string() + ")", err);
  }
  ::close(fd);
  if (::rename(tmp.c_str(), path.c_str()) != 0)
    return errno_error("rename(" + tmp.string() + ", " + path.string() + ")", errno);
  return sync_directory(path.has_parent_path() ? path.parent_path() : ".");
}

status ensure_directory(const std::filesystem::path& dir) {
  std::error_code ec;
  if (std::filesystem::is_directory(dir, ec)) return {};
  std::filesystem::create_directories(dir, ec);
  if (ec) return error{"create directory " + dir.string() + ": " + ec.message(), ec};
  std::filesystem::permissions(dir, std::filesystem::perms::owner_all,
                               std::filesystem::perm_options::replace, ec);
  return {};
}

}  // namespace strike::base
