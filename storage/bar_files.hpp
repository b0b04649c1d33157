// Per-day JSONL files of closed bars (format: storage/bar_file_format.hpp): appending, reading
// (plain or zstd-compressed), compressing old days and refilling a bar_store at start-up.
// The writer runs on the reactor (one short write per closed bar); reading all days and
// compressing are blocking file work for start-up or a worker thread.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.hpp"
#include "core/ist.hpp"
#include "core/market/bar.hpp"
#include "events/enums.hpp"
#include "storage/bar_store.hpp"

namespace strike::storage {

struct stored_bar {
  std::string instrument;
  events::timeframe timeframe = events::timeframe::m1;
  core::market::bar value;
  bool operator==(const stored_bar&) const = default;
};

// Appends bars to the file of their IST date.
class bar_file_writer {
 public:
  // dir is created (0700) on first append.
  explicit bar_file_writer(std::filesystem::path dir) : dir_(std::move(dir)) {}
  ~bar_file_writer();
  bar_file_writer(const bar_file_writer&) = delete;
  bar_file_writer& operator=(const bar_file_writer&) = delete;

  status append(std::string_view instrument, events::timeframe tf, const core::market::bar& b);
  // fsyncs the open file.
  status sync();
  // fsyncs and closes the open file.
  status close();

 private:
  status open_day(std::int64_t day);

  std::filesystem::path dir_;
  int fd_ = -1;
  std::int64_t day_ = -1;  // IST days since epoch of the open file
  std::string line_;       // reused encoding buffer
};

// One day's file (plain or compressed). A torn last line is dropped silently; any other bad
// line is an error naming file:line.
result<std::vector<stored_bar>> read_bar_file(const std::filesystem::path& path);

// Replaces the day file of `date` with exactly `bars` (each must start on that IST date; the
// caller keeps each series in start order): a temporary file, fsync, rename over the plain file,
// then any compressed file of the day is removed. A crash leaves the old day or the new one.
status replace_bar_file(const std::filesystem::path& dir, core::civil_date date,
                        std::span<const stored_bar> bars);

// The day files in dir, oldest first, with their dates (a day present twice, plain and
// compressed, after an interrupted compression lists the plain file).
struct bar_day_file {
  core::civil_date date;
  std::filesystem::path path;
  bool compressed = false;
};
result<std::vector<bar_day_file>> list_bar_files(const std::filesystem::path& dir);

// Compresses every plain day file dated before `before` (write .zst beside it, fsync, rename,
// remove the plain file). Returns the number of files compressed.
result<int> compress_bar_files(const std::filesystem::path& dir, core::civil_date before);

struct load_options {
  int days = 30;                         // newest day files to read
  std::vector<std::string> instruments;  // only these; empty = all
};
struct load_report {
  int files = 0;
  std::int64_t bars = 0;
  std::int64_t out_of_order = 0;  // lines not newer than their series' newest (skipped)
};
// Refills `store` from the newest `options.days` day files, oldest first, so each ring ends
// with the newest bars on disk.
result<load_report> load_bar_files(const std::filesystem::path& dir, bar_store& store,
                                   const load_options& options);

}  // namespace strike::storage
