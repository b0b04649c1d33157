// striked journal tail PATH [-f] [--type NAME] [-n N]
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <charconv>
#include <cstdio>
#include <deque>
#include <filesystem>
#include <string>
#include <thread>

#include "daemon/commands/journal_tools.hpp"
#include "daemon/exit_codes.hpp"
#include "events/event.hpp"
#include "storage/journal_format.hpp"

namespace strike::daemon {

std::filesystem::path journal_dir(const std::filesystem::path& file_or_dir) {
  return std::filesystem::is_regular_file(file_or_dir) ? file_or_dir.parent_path() : file_or_dir;
}

bool has_journal(const std::filesystem::path& file_or_dir) {
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(journal_dir(file_or_dir), ec))
    if (entry.path().extension() == ".jsonl") return true;
  return false;
}

std::string_view line_type(std::string_view line) {
  constexpr std::string_view key = ",\"type\":\"";
  const auto at = line.find(key);
  if (at == std::string_view::npos) return {};
  const auto start = at + key.size();
  const auto end = line.find('"', start);
  if (end == std::string_view::npos) return {};
  return line.substr(start, end - start);
}

namespace {

struct tail_filter {
  std::string type;  // empty = every type
  bool matches(std::string_view line) const {
    return storage::check_line(line).empty() && (type.empty() || line_type(line) == type);
  }
};

void print_line(std::string_view line) {
  std::fwrite(line.data(), 1, line.size(), stdout);
  std::fputc('\n', stdout);
}

// Follows path from offset, printing matching lines as they are appended, across rotations
// (the path then names a new file) until the process is killed.
[[noreturn]] void follow(const std::filesystem::path& path, off_t offset,
                         const tail_filter& filter) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  std::string pending;
  char buf[1 << 16];
  for (;;) {
    bool got = false;
    if (fd >= 0) {
      ssize_t n;
      while ((n = ::pread(fd, buf, sizeof buf, offset)) > 0) {
        offset += n;
        got = true;
        pending.append(buf, static_cast<std::size_t>(n));
        std::size_t start = 0;
        for (std::size_t nl; (nl = pending.find('\n', start)) != std::string::npos;
             start = nl + 1) {
          const std::string_view line(pending.data() + start, nl - start);
          if (filter.matches(line)) print_line(line);
        }
        pending.erase(0, start);
      }
      std::fflush(stdout);
    }
    if (!got) {
      // Rotated or truncated: reopen by name once the old file is drained.
      struct stat by_name {
      }, open_file{};
      const bool exists = ::stat(path.c_str(), &by_name) == 0;
      const bool same = fd >= 0 && ::fstat(fd, &open_file) == 0 && exists &&
                        by_name.st_ino == open_file.st_ino && by_name.st_size >= offset;
      if (exists && !same) {
        if (fd >= 0) ::close(fd);
        fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
        offset = 0;
        pending.clear();
        continue;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(200));
    }
  }
}

}  // namespace

int journal_tail(args& a) {
  const bool follow_mode = a.flag("-f") || a.flag("--follow");
  tail_filter filter{a.option("--type").value_or("")};
  long count = 10;
  if (auto n = a.option("-n")) {
    if (std::from_chars(n->data(), n->data() + n->size(), count).ec != std::errc{} || count < 0) {
      std::fprintf(stderr, "striked journal tail: -n %s is not a count\n", n->c_str());
      return exit_code::usage;
    }
  }
  auto paths = a.positionals();
  if (paths.size() != 1 || a.unused()) {
    std::fprintf(stderr, "usage: striked journal tail PATH [-f] [--type NAME] [-n N]\n");
    return exit_code::usage;
  }
  if (!filter.type.empty() && !events::type_index_of(filter.type)) {
    std::fprintf(stderr, "striked journal tail: '%s' is not an event type (see striked events)\n",
                 filter.type.c_str());
    return exit_code::usage;
  }
  std::filesystem::path path = paths[0];
  // A state directory, even one the daemon has not created yet (tail -f may start first).
  if (std::filesystem::is_directory(path) ||
      (!std::filesystem::exists(path) && path.extension() != ".jsonl"))
    path /= storage::active_segment_name;

  FILE* f = std::fopen(path.c_str(), "rb");
  if (!f && !follow_mode) {
    std::fprintf(stderr, "striked journal tail: cannot open %s\n", path.c_str());
    return exit_code::usage;
  }
  std::deque<std::string> last;
  off_t offset = 0;
  if (f) {
    std::string line;
    char buf[1 << 16];
    std::size_t n;
    while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) {
      for (std::size_t i = 0; i < n; ++i) {
        if (buf[i] != '\n') {
          line.push_back(buf[i]);
          continue;
        }
        offset += static_cast<off_t>(line.size() + 1);
        if (filter.matches(line)) {
          last.push_back(std::move(line));
          if (static_cast<long>(last.size()) > count) last.pop_front();
        }
        line.clear();
      }
    }
    std::fclose(f);
  }
  for (const auto& l : last) print_line(l);
  std::fflush(stdout);
  if (follow_mode) follow(path, offset, filter);
  return exit_code::ok;
}

}  // namespace strike::daemon
