// Snapshots of the folded state, so start-up replays only the events that follow one.
//
// File "snapshot-<seq, 12 digits>.json", mode 0600:
//   line 1: {"format":"strike-snapshot","version":1,"seq":N,"bytes":M,"crc":"xxxxxxxx"}\n
//   then:   M bytes of state JSON (core/state_codec.hpp); crc is their CRC-32C.
// Written to a temporary file, fsynced, renamed into place, then the directory is fsynced, so
// a snapshot is either whole or absent.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.hpp"

namespace strike::storage {

struct snapshot {
  std::int64_t seq = 0;  // last event the state covers
  std::string state_json;
  std::filesystem::path path;
};

// Writes a snapshot of state covering seq, then removes all but the newest `keep` snapshots.
status write_snapshot(const std::filesystem::path& dir, std::int64_t seq,
                      std::string_view state_json, int keep = 3);

// The newest intact snapshot with seq <= max_seq, if any. Damaged snapshots are skipped and
// described in `skipped`.
result<std::optional<snapshot>> load_newest_snapshot(const std::filesystem::path& dir,
                                                     std::int64_t max_seq,
                                                     std::vector<std::string>* skipped = nullptr);

// Reads and checks one snapshot file.
result<snapshot> read_snapshot(const std::filesystem::path& path);

}  // namespace strike::storage
