#include "storage/journal_reader.hpp"

#include "events/codec.hpp"
#include "storage/segments.hpp"

namespace strike::storage {

result<journal_read_report> read_journal(const std::filesystem::path& dir, std::int64_t after_seq,
                                         const event_handler& on_event) {
  journal_read_report report;
  auto segments = list_segments(dir);
  if (!segments) return segments.error();

  events::decoder decoder;
  events::event ev;
  std::int64_t expected = 0;  // seq the next segment must start with; 0 = not yet known

  const line_handler on_line = [&](const segment_line& line) -> status {
    if (line.seq <= after_seq) return {};
    if (auto err = decoder.decode(line.text, ev, true); !err.empty()) return error{err};
    if (ev.env.seq != line.seq) return error{"seq field disagrees with the line prefix"};
    ++report.events_delivered;
    return on_event ? on_event(ev) : status{};
  };

  const auto& files = *segments;
  for (std::size_t i = 0; i < files.size(); ++i) {
    const auto& seg = files[i];
    // A closed segment entirely covered by after_seq is skipped unread; the next segment's
    // name tells where it ended.
    if (!seg.active && i + 1 < files.size() && !files[i + 1].active &&
        files[i + 1].first_seq <= after_seq + 1) {
      expected = files[i + 1].first_seq;
      continue;
    }
    if (!seg.active && expected != 0 && seg.first_seq != expected)
      return error{seg.path.string() + ": starts at seq " + std::to_string(seg.first_seq) +
                   " but seq " + std::to_string(expected) + " was expected"};
    if (expected == 0 && after_seq > 0 && !seg.active && seg.first_seq > after_seq + 1)
      return error{seg.path.string() + ": journal starts at seq " + std::to_string(seg.first_seq) +
                   "; events " + std::to_string(after_seq + 1) + ".." +
                   std::to_string(seg.first_seq - 1) + " are missing"};

    auto scan = scan_segment(seg.path, expected != 0 ? expected : seg.first_seq, on_line);
    if (!scan) return scan.error();
    ++report.segments_read;
    report.bytes_read += scan->intact_bytes;

    using damage = segment_scan::damage;
    if (scan->found == damage::corrupt || (scan->found == damage::torn_tail && !seg.active))
      return error{scan->describe(seg.path)};
    if (scan->intact_lines > 0) {
      if (expected == 0 && after_seq > 0 && scan->first_seq > after_seq + 1)
        return error{seg.path.string() + ": journal starts at seq " +
                     std::to_string(scan->first_seq) + "; events after " +
                     std::to_string(after_seq) + " are missing"};
      report.last_seq = scan->last_seq;
      expected = scan->last_seq + 1;
    }
    if (seg.active) {
      report.active_segment = seg.path;
      report.active_intact_bytes = scan->intact_bytes;
      report.torn_tail = scan->found == damage::torn_tail;
      report.tail = *scan;
    }
  }
  if (report.last_seq == 0 && expected > 0) report.last_seq = expected - 1;
  if (after_seq > report.last_seq && report.last_seq > 0)
    return error{dir.string() + ": journal ends at seq " + std::to_string(report.last_seq) +
                 " but state covers seq " + std::to_string(after_seq)};
  return report;
}

}  // namespace strike::storage
