#include "sim/stream_faults.hpp"

namespace strike::sim {

bool read_stream_knob(std::string_view k, simdjson::dom::element v, stream_fault_settings& s,
                      std::string& problems) {
  auto as_rate = [&](double& out) {
    double d;
    if (v.get_double().get(d) || d < 0 || d > 1)
      problems += std::string(k) + " must be a number in 0..1; ";
    else
      out = d;
  };
  auto as_count = [&](auto& out) {
    std::int64_t n;
    if (v.get_int64().get(n) || n < 0)
      problems += std::string(k) + " must be an integer >= 0; ";
    else
      out = static_cast<std::remove_reference_t<decltype(out)>>(n);
  };
  if (k == "ws_drop_rate")
    as_rate(s.ws_drop_rate);
  else if (k == "ws_drop_next")
    as_count(s.ws_drop_next);
  else if (k == "ws_stall_rate")
    as_rate(s.ws_stall_rate);
  else if (k == "ws_stall_next")
    as_count(s.ws_stall_next);
  else if (k == "ws_stall_ms")
    as_count(s.ws_stall_ms);
  else if (k == "ws_malformed_rate")
    as_rate(s.ws_malformed_rate);
  else if (k == "ws_malformed_next")
    as_count(s.ws_malformed_next);
  else if (k == "ws_truncate_rate")
    as_rate(s.ws_truncate_rate);
  else if (k == "ws_truncate_next")
    as_count(s.ws_truncate_next);
  else if (k == "tick_duplicate_rate")
    as_rate(s.tick_duplicate_rate);
  else if (k == "tick_duplicate_next")
    as_count(s.tick_duplicate_next);
  else if (k == "update_duplicate_rate")
    as_rate(s.update_duplicate_rate);
  else if (k == "update_duplicate_next")
    as_count(s.update_duplicate_next);
  else if (k == "ws_feeds") {
    simdjson::dom::array arr;
    std::vector<std::string> feeds;
    bool ok = !v.get_array().get(arr);
    if (ok) {
      for (auto e : arr) {
        std::string_view name;
        if (e.get_string().get(name) || (name != "market" && name != "orders"))
          ok = false;
        else
          feeds.emplace_back(name);
      }
    }
    if (ok)
      s.ws_feeds = std::move(feeds);
    else
      problems += "ws_feeds must be an array of \"market\" and \"orders\"; ";
  } else {
    return false;
  }
  return true;
}

void write_stream_knobs(base::json_writer& w, const stream_fault_settings& s) {
  w.key("ws_drop_rate").value(s.ws_drop_rate).key("ws_drop_next").value(s.ws_drop_next);
  w.key("ws_stall_rate").value(s.ws_stall_rate).key("ws_stall_next").value(s.ws_stall_next);
  w.key("ws_stall_ms").value(s.ws_stall_ms);
  w.key("ws_malformed_rate")
      .value(s.ws_malformed_rate)
      .key("ws_malformed_next")
      .value(s.ws_malformed_next);
  w.key("ws_truncate_rate")
      .value(s.ws_truncate_rate)
      .key("ws_truncate_next")
      .value(s.ws_truncate_next);
  w.key("tick_duplicate_rate")
      .value(s.tick_duplicate_rate)
      .key("tick_duplicate_next")
      .value(s.tick_duplicate_next);
  w.key("update_duplicate_rate").value(s.update_duplicate_rate);
  w.key("update_duplicate_next").value(s.update_duplicate_next);
  w.key("ws_feeds").begin_array();
  for (const auto& f : s.ws_feeds) w.value(f);
  w.end_array();
}

}  // namespace strike::sim
