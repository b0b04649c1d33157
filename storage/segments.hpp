// Names and finds the segment files of a journal directory (see journal_format.hpp).
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "base/result.hpp"

namespace strike::storage {

struct segment_file {
  std::filesystem::path path;
  std::int64_t first_seq = 0;  // from the name; for the active segment, 0 (unknown until read)
  bool active = false;
};

// "events-2026-11-20-000000001234.jsonl"
std::string closed_segment_name(const std::string& date, std::int64_t first_seq);

// The closed segments in seq order, then the active segment if it exists.
result<std::vector<segment_file>> list_segments(const std::filesystem::path& dir);

}  // namespace strike::storage
