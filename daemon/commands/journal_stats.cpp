// striked journal stats PATH [--json]
#include <algorithm>
#include <array>
#include <cstdio>
#include <filesystem>

#include "base/json_writer.hpp"
#include "core/ist.hpp"
#include "daemon/commands/journal_tools.hpp"
#include "daemon/exit_codes.hpp"
#include "events/event.hpp"
#include "storage/segment_reader.hpp"
#include "storage/segments.hpp"

namespace strike::daemon {
namespace {

struct totals {
  std::array<std::int64_t, events::type_count> by_type{};
  std::int64_t events = 0;
  std::int64_t bytes = 0;
  std::int64_t segments = 0;
  std::int64_t first_seq = 0, last_seq = 0;
  std::int64_t first_ts = 0, last_ts = 0;
  std::vector<std::string> damage;
};

void count_file(const std::filesystem::path& file, totals& t) {
  auto scan = storage::scan_segment(file, 0, [&](const storage::segment_line& line) -> status {
    if (auto i = events::type_index_of(line_type(line.text))) ++t.by_type[*i];
    const auto ts = storage::leading_ts(line.text);
    if (t.first_ts == 0) t.first_ts = ts;
    t.last_ts = ts;
    return {};
  });
  if (!scan) {
    t.damage.push_back(scan.error().message);
    return;
  }
  ++t.segments;
  t.events += scan->intact_lines;
  t.bytes += scan->file_bytes;
  if (t.first_seq == 0) t.first_seq = scan->first_seq;
  if (scan->last_seq) t.last_seq = scan->last_seq;
  if (scan->found != storage::segment_scan::damage::none) t.damage.push_back(scan->describe(file));
}

void print_text(const totals& t) {
  std::printf("events    %lld (seq %lld..%lld)\n", static_cast<long long>(t.events),
              static_cast<long long>(t.first_seq), static_cast<long long>(t.last_seq));
  std::printf("bytes     %lld in %lld segment(s), %.0f bytes/event\n",
              static_cast<long long>(t.bytes), static_cast<long long>(t.segments),
              t.events ? double(t.bytes) / double(t.events) : 0.0);
  if (t.events) {
    std::printf("first     %s\n", core::format_ist(t.first_ts).c_str());
    std::printf("last      %s\n", core::format_ist(t.last_ts).c_str());
  }
  std::vector<std::pair<std::int64_t, std::size_t>> order;
  for (std::size_t i = 0; i < t.by_type.size(); ++i)
    if (t.by_type[i]) order.emplace_back(-t.by_type[i], i);
  std::sort(order.begin(), order.end());
  for (auto [neg, i] : order)
    std::printf("  %-28.*s %lld\n", static_cast<int>(events::type_names()[i].size()),
                events::type_names()[i].data(), static_cast<long long>(-neg));
  for (const auto& d : t.damage) std::printf("damage: %s\n", d.c_str());
}

void print_json(const totals& t) {
  std::string out;
  base::json_writer w(out);
  w.begin_object();
  w.key("events")
      .value(t.events)
      .key("first_seq")
      .value(t.first_seq)
      .key("last_seq")
      .value(t.last_seq);
  w.key("bytes").value(t.bytes).key("segments").value(t.segments);
  w.key("first_ts").value(t.first_ts).key("last_ts").value(t.last_ts);
  w.key("by_type").begin_object();
  for (std::size_t i = 0; i < t.by_type.size(); ++i)
    if (t.by_type[i]) w.key(events::type_names()[i]).value(t.by_type[i]);
  w.end_object();
  w.key("damage").begin_array();
  for (const auto& d : t.damage) w.value(d);
  w.end_array();
  w.end_object();
  std::printf("%s\n", out.c_str());
}

}  // namespace

int journal_stats(args& a) {
  const bool json = a.flag("--json");
  auto paths = a.positionals();
  if (paths.size() != 1 || a.unused()) {
    std::fprintf(stderr, "usage: striked journal stats PATH [--json]\n");
    return exit_code::usage;
  }
  const std::filesystem::path path = paths[0];
  totals t;
  if (std::filesystem::is_directory(path)) {
    auto segments = storage::list_segments(path);
    if (!segments) {
      std::fprintf(stderr, "striked journal stats: %s\n", segments.error().message.c_str());
      return exit_code::usage;
    }
    for (const auto& s : *segments) count_file(s.path, t);
  } else if (std::filesystem::is_regular_file(path)) {
    count_file(path, t);
  } else {
    std::fprintf(stderr, "striked journal stats: %s: no such journal\n", path.c_str());
    return exit_code::usage;
  }
  json ? print_json(t) : print_text(t);
  return t.damage.empty() ? exit_code::ok : exit_code::failure;
}

}  // namespace strike::daemon
