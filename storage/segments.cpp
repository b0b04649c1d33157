#include "storage/segments.hpp"

#include <algorithm>
#include <charconv>
#include <cstdio>

#include "storage/journal_format.hpp"

namespace strike::storage {

std::string closed_segment_name(const std::string& date, std::int64_t first_seq) {
  char seq[16];
  std::snprintf(seq, sizeof seq, "%012lld", static_cast<long long>(first_seq));
  return "events-" + date + "-" + seq + ".jsonl";
}

result<std::vector<segment_file>> list_segments(const std::filesystem::path& dir) {
  std::error_code ec;
  std::vector<segment_file> closed;
  bool has_active = false;
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
    const std::string name = entry.path().filename().string();
    if (name == active_segment_name) {
      has_active = true;
      continue;
    }
    // events-YYYY-MM-DD-NNNNNNNNNNNN.jsonl
    constexpr std::size_t expected = 7 + 10 + 1 + 12 + 6;
    if (name.size() != expected || name.rfind("events-", 0) != 0 ||
        name.substr(name.size() - 6) != ".jsonl")
      continue;
    std::int64_t first = 0;
    const char* digits = name.data() + 18;
    auto [p, err] = std::from_chars(digits, digits + 12, first);
    if (err != std::errc{} || p != digits + 12) continue;
    closed.push_back({entry.path(), first, false});
  }
  if (ec) return error{"list " + dir.string() + ": " + ec.message(), ec};
  std::sort(closed.begin(), closed.end(),
            [](const auto& a, const auto& b) { return a.first_seq < b.first_seq; });
  if (has_active) closed.push_back({dir / active_segment_name, 0, true});
  return closed;
}

}  // namespace strike::storage
