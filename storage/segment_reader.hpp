// Reads one journal segment line by line and tells intact lines from damage.
//
// Damage after which no intact line follows is a torn tail: what a crash in the middle of an
// append leaves behind, safe to cut. Damage followed by any intact line is corruption: the
// reader reports its line number and byte offset and the journal must not be used until a
// person has looked at it.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <string_view>

#include "base/result.hpp"

namespace strike::storage {

struct segment_line {
  std::string_view text;  // the line without its newline; decode_padding readable bytes follow
  std::int64_t seq = 0;
  std::int64_t offset = 0;   // byte offset of the line's first byte in the file
  std::int64_t line_no = 0;  // 1-based
};

struct segment_scan {
  std::int64_t intact_lines = 0;
  std::int64_t intact_bytes = 0;  // offset just past the last intact line
  std::int64_t file_bytes = 0;
  std::int64_t first_seq = 0;  // 0 when the segment holds no intact line
  std::int64_t last_seq = 0;

  enum class damage { none, torn_tail, corrupt } found = damage::none;
  std::int64_t damage_line = 0;    // 1-based line number of the first damaged line
  std::int64_t damage_offset = 0;  // its byte offset
  std::string reason;              // what was wrong with it

  // "events.jsonl: line 12, byte offset 3456: checksum mismatch"
  std::string describe(const std::filesystem::path& path) const;
};

// Called for each intact line in order. An error stops the scan and is reported as
// corruption at that line (e.g. a line whose JSON is well-formed but not a known event).
using line_handler = std::function<status(const segment_line&)>;

// Scans path. expected_first_seq is the seq the first line must carry, or 0 to accept any.
// Fails only when the file cannot be read; damage is reported in the scan.
result<segment_scan> scan_segment(const std::filesystem::path& path,
                                  std::int64_t expected_first_seq, const line_handler& on_line);

// Reads the seq from the start of an intact line ({"seq":N,...), or 0 if it is not there.
std::int64_t leading_seq(std::string_view line);
// Reads the ts that follows the seq ({"seq":N,"ts":T,...), or 0 if it is not there.
std::int64_t leading_ts(std::string_view line);

}  // namespace strike::storage
