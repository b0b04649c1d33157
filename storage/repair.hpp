// Cuts a torn tail off a journal segment without losing it.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>

#include "base/result.hpp"

namespace strike::storage {

struct repair_report {
  std::int64_t offset = 0;     // where the segment now ends
  std::int64_t bytes_cut = 0;  // bytes moved out of it
  std::filesystem::path saved_as;
};

// Copies the bytes of path from intact_bytes to the end into "<path>.torn-<offset>" (fsynced),
// then truncates path to intact_bytes and fsyncs it and its directory.
result<repair_report> cut_torn_tail(const std::filesystem::path& path, std::int64_t intact_bytes);

}  // namespace strike::storage
