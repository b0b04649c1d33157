// Faults of the simulator's WebSockets, set at run time through the admin endpoint with the
// REST knobs (faults.hpp). Each is drawn per frame the simulator is about to send: "*_next"
// hits the next N frames, "*_rate" a share of them. All off by default.
#pragma once

#include <simdjson.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "base/json_writer.hpp"

namespace strike::sim {

struct stream_fault_settings {
  double ws_drop_rate = 0;
  int ws_drop_next = 0;  // close the connection instead of the frame
  double ws_stall_rate = 0;
  int ws_stall_next = 0;              // go silent: send nothing, answer nothing ...
  std::int64_t ws_stall_ms = 30'000;  // ... for this long (real time)
  double ws_malformed_rate = 0;
  int ws_malformed_next = 0;  // a garbage frame (binary or text) first
  double ws_truncate_rate = 0;
  int ws_truncate_next = 0;  // a tick frame cut short (that tick is lost)
  double tick_duplicate_rate = 0;
  int tick_duplicate_next = 0;  // a tick frame sent twice
  double update_duplicate_rate = 0;
  int update_duplicate_next = 0;  // an order update sent twice
  // Feeds the drop, stall and malformed faults apply to: "market", "orders"; empty = both.
  std::vector<std::string> ws_feeds;
};

// What happens to the next frame.
enum class frame_fault { none, drop, stall, malformed, truncate };

// Applies one admin key to s. Returns false when the key is not a stream knob; a known key with
// a bad value appends to problems.
bool read_stream_knob(std::string_view key, simdjson::dom::element value, stream_fault_settings& s,
                      std::string& problems);
void write_stream_knobs(base::json_writer& w, const stream_fault_settings& s);

}  // namespace strike::sim
