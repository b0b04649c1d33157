#include "storage/segment_reader.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <algorithm>
#include <cstdint>
#include <cstring>
#include <vector>

#include "events/codec.hpp"
#include "storage/journal_format.hpp"

namespace strike::storage {
namespace {

constexpr std::size_t chunk_bytes = 4 << 20;

// Delivers newline-terminated lines from a file, in chunks, each followed by padding.
class line_source {
 public:
  explicit line_source(int fd) : fd_(fd), buf_(chunk_bytes + max_line_bytes + events::decode_padding) {}

  // Next line without its newline; `complete` is false for a final fragment with no newline
  // or a run longer than max_line_bytes. Returns false at end of file.
  result<bool> next(std::string_view& line, bool& complete, std::int64_t& offset) {
    for (;;) {
      const char* start = buf_.data() + pos_;
      const std::size_t avail = end_ - pos_;
      if (const void* nl = std::memchr(start, '\n', avail)) {
        const auto len = static_cast<std::size_t>(static_cast<const char*>(nl) - start);
        if (len + 1 > max_line_bytes) return emit_oversized(line, complete, offset);
        line = {start, len};
        complete = true;
        offset = file_pos_ + static_cast<std::int64_t>(pos_);
        pos_ += len + 1;
        return true;
      }
      if (avail >= max_line_bytes) return emit_oversized(line, complete, offset);
      if (eof_) {
        if (avail == 0) return false;
        line = {start, avail};
        complete = false;
        offset = file_pos_ + static_cast<std::int64_t>(pos_);
        pos_ = end_;
        return true;
      }
      if (auto r = refill(); !r) return r.error();
    }
  }

 private:
  // A run with no newline within the limit: hand it out as one damaged fragment.
  result<bool> emit_oversized(std::string_view& line, bool& complete, std::int64_t& offset) {
    line = {buf_.data() + pos_, max_line_bytes};
    complete = false;
    offset = file_pos_ + static_cast<std::int64_t>(pos_);
    pos_ += max_line_bytes;
    return true;
  }

  result<bool> refill() {
    // Move the unread remainder to the front, then read as much as fits.
    const std::size_t rest = end_ - pos_;
    std::memmove(buf_.data(), buf_.data() + pos_, rest);
    file_pos_ += static_cast<std::int64_t>(pos_);
    pos_ = 0;
    end_ = rest;
    const std::size_t room = buf_.size() - events::decode_padding - end_;
    std::size_t got = 0;
    while (got < room) {
      const ssize_t n = ::read(fd_, buf_.data() + end_ + got, room - got);
      if (n < 0) {
        if (errno == EINTR) continue;
        return errno_error("read", errno);
      }
      if (n == 0) {
        eof_ = true;
        break;
      }
      got += static_cast<std::size_t>(n);
    }
    end_ += got;
    std::memset(buf_.data() + end_, 0, events::decode_padding);
    return true;
  }

  int fd_;
  std::vector<char> buf_;
  std::size_t pos_ = 0;
  std::size_t end_ = 0;
  std::int64_t file_pos_ = 0;  // file offset of buf_[0]
  bool eof_ = false;
};

}  // namespace

namespace {

// Parses the digits of a non-negative integer at line[at] that must be followed by a comma;
// returns it and sets `end` to the comma's index, or returns -1.
std::int64_t integer_before_comma(std::string_view line, std::size_t at, std::size_t& end) {
  std::uint64_t v = 0;
  std::size_t i = at;
  while (i < line.size() && line[i] >= '0' && line[i] <= '9' && i - at < 19)
    v = v * 10 + static_cast<std::uint64_t>(line[i++] - '0');
  if (i == at || i >= line.size() || line[i] != ',' || v > INT64_MAX) return -1;
  end = i;
  return static_cast<std::int64_t>(v);
}

}  // namespace

std::int64_t leading_seq(std::string_view line) {
  constexpr std::string_view prefix = "{\"seq\":";
  if (line.substr(0, prefix.size()) != prefix) return 0;
  std::size_t end = 0;
  return std::max<std::int64_t>(integer_before_comma(line, prefix.size(), end), 0);
}

std::int64_t leading_ts(std::string_view line) {
  constexpr std::string_view prefix = "{\"seq\":";
  constexpr std::string_view ts_key = "\"ts\":";
  if (line.substr(0, prefix.size()) != prefix) return 0;
  std::size_t end = 0;
  if (integer_before_comma(line, prefix.size(), end) < 0) return 0;
  if (line.substr(end + 1, ts_key.size()) != ts_key) return 0;
  return std::max<std::int64_t>(integer_before_comma(line, end + 1 + ts_key.size(), end), 0);
}

std::string segment_scan::describe(const std::filesystem::path& path) const {
  if (found == damage::none) return path.string() + ": intact";
  return path.string() + ": line " + std::to_string(damage_line) + ", byte offset " +
         std::to_string(damage_offset) + ": " + reason +
         (found == damage::torn_tail ? " (torn tail)" : "");
}

result<segment_scan> scan_segment(const std::filesystem::path& path,
                                  std::int64_t expected_first_seq, const line_handler& on_line) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return errno_error("open(" + path.string() + ")", errno);
  struct fd_closer {
    int fd;
    ~fd_closer() { ::close(fd); }
  } closer{fd};

  segment_scan scan;
  line_source src(fd);
  std::string_view text;
  bool complete = false;
  std::int64_t offset = 0;
  std::int64_t line_no = 0;
  std::int64_t next_seq = expected_first_seq;

  auto mark = [&](segment_scan::damage kind, std::string reason) {
    scan.found = kind;
    scan.damage_line = line_no;
    scan.damage_offset = offset;
    scan.reason = std::move(reason);
  };

  for (;;) {
    auto more = src.next(text, complete, offset);
    if (!more) return error{"read(" + path.string() + "): " + more.error().message};
    if (!*more) break;
    ++line_no;
    std::string_view problem;
    if (!complete)
      problem = text.size() >= max_line_bytes ? "line too long" : "partial line (no newline)";
    else
      problem = check_line(text);

    if (scan.found != segment_scan::damage::none) {
      // Past the first damage we only look for intact lines, which make it corruption.
      if (problem.empty()) {
        scan.found = segment_scan::damage::corrupt;
        break;
      }
      continue;
    }
    if (!problem.empty()) {
      mark(segment_scan::damage::torn_tail, std::string(problem));
      continue;
    }
    const std::int64_t seq = leading_seq(text);
    if (seq <= 0) {
      mark(segment_scan::damage::corrupt, "line does not start with {\"seq\":N,");
      break;
    }
    if (next_seq != 0 && seq != next_seq) {
      mark(segment_scan::damage::corrupt,
           "seq " + std::to_string(seq) + " where " + std::to_string(next_seq) + " was expected");
      break;
    }
    if (on_line) {
      if (auto s = on_line(segment_line{text, seq, offset, line_no}); !s) {
        mark(segment_scan::damage::corrupt, s.error().message);
        break;
      }
    }
    if (scan.first_seq == 0) scan.first_seq = seq;
    scan.last_seq = seq;
    next_seq = seq + 1;
    ++scan.intact_lines;
    scan.intact_bytes = offset + static_cast<std::int64_t>(text.size()) + 1;
  }
  std::error_code ec;
  scan.file_bytes = static_cast<std::int64_t>(std::filesystem::file_size(path, ec));
  return scan;
}

}  // namespace strike::storage
