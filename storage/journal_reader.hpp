// Reads a journal directory's events in seq order, across segments, verifying as it goes.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>

#include "base/result.hpp"
#include "events/event.hpp"
#include "storage/segment_reader.hpp"

namespace strike::storage {

struct journal_read_report {
  std::int64_t events_delivered = 0;  // events passed to the handler (seq > after_seq)
  std::int64_t last_seq = 0;          // last intact seq in the journal (0 when empty)
  std::int64_t segments_read = 0;
  std::int64_t bytes_read = 0;
  // A torn tail is tolerated only at the end of the active segment; it is reported here and
  // left in place (journal::open cuts it).
  bool torn_tail = false;
  std::filesystem::path active_segment;
  std::int64_t active_intact_bytes = 0;
  segment_scan tail;  // the active segment's scan, describing the torn tail when there is one
};

using event_handler = std::function<status(const events::event&)>;

// Delivers every event with seq > after_seq to on_event, in order. Fails, naming the file, line
// and byte offset, on corruption in any segment, on a torn tail anywhere but the end of the
// active segment, on a gap in seq between segments, and when events after after_seq are no
// longer present. An error from on_event stops the read and is reported the same way.
result<journal_read_report> read_journal(const std::filesystem::path& dir, std::int64_t after_seq,
                                         const event_handler& on_event);

}  // namespace strike::storage
