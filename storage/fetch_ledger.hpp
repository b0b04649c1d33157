// The fetch ledger beside the bar day files (format: storage/bar_file_format.hpp): which
// (day, instrument, timeframe) series were taken from the broker after their day had closed,
// and how many bars the day file then held. `striked data fetch` reads it to skip what it has,
// and appends to it after each day file it writes. One process at a time; not thread-safe.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <tuple>

#include "base/result.hpp"
#include "core/ist.hpp"
#include "events/enums.hpp"

namespace strike::storage {

struct fetch_record {
  core::civil_date date;
  std::string instrument;
  events::timeframe timeframe = events::timeframe::m1;
  std::int64_t bars = 0;  // bars of the series in the day file after the fetch
};

class fetch_ledger {
 public:
  // Reads <dir>/fetched.jsonl when it exists. A torn last line is ignored; any other line that
  // is not a record is an error naming file:line.
  static result<fetch_ledger> open(const std::filesystem::path& dir);

  // The bar count recorded for the series, or nullopt when it was never fetched final.
  std::optional<std::int64_t> bars(core::civil_date date, std::string_view instrument,
                                   events::timeframe tf) const;

  // Appends the records and fdatasyncs the file (created, 0600, with dir, when missing).
  status append(std::span<const fetch_record> records);

  std::size_t size() const { return records_.size(); }

 private:
  explicit fetch_ledger(std::filesystem::path dir) : dir_(std::move(dir)) {}

  using key = std::tuple<core::civil_date, std::string, events::timeframe>;
  std::filesystem::path dir_;
  std::map<key, std::int64_t, std::less<>> records_;
};

}  // namespace strike::storage
