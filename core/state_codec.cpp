#include "core/state_codec.hpp"

#include <algorithm>
#include <vector>

#include "core/record_json.hpp"

namespace strike::core {

// Found by argument-dependent lookup from the generic record codec.

// Counts are written by type name, nonzero only, in catalogue order.
void write(base::json_writer& w, const type_counts& c) {
  w.begin_object();
  const auto& names = events::type_names();
  for (std::size_t i = 0; i < events::type_count; ++i)
    if (c[i] != 0) w.key(names[i]).value(c[i]);
  w.end_object();
}

status read(simdjson::dom::element e, type_counts& c, const std::string& path) {
  simdjson::dom::object obj;
  if (e.get_object().get(obj)) return error{path + ": expected an object"};
  c = {};
  for (auto [k, v] : obj) {
    auto index = events::type_index_of(k);
    if (!index) return error{path + ": unknown event type '" + std::string(k) + "'"};
    if (v.get_int64().get(c[*index]))
      return error{path + "." + std::string(k) + ": expected an integer"};
  }
  return {};
}

// Keys sorted, so equal sets encode identically.
void write(base::json_writer& w, const idempotency_keys& keys) {
  std::vector<std::pair<std::string_view, std::int64_t>> sorted;
  sorted.reserve(keys.size());
  keys.for_each([&](std::string_view k, std::int64_t ts) { sorted.emplace_back(k, ts); });
  std::sort(sorted.begin(), sorted.end());
  w.begin_object();
  for (const auto& [k, ts] : sorted) w.escaped_key(k).value(ts);
  w.end_object();
}

status read(simdjson::dom::element e, idempotency_keys& keys, const std::string& path) {
  simdjson::dom::object obj;
  if (e.get_object().get(obj)) return error{path + ": expected an object"};
  keys = {};
  for (auto [k, v] : obj) {
    std::int64_t ts = 0;
    if (v.get_int64().get(ts)) return error{path + ": expected integer timestamps"};
    keys.insert(k, ts);
  }
  return {};
}

void encode_state(const state& s, std::string& out, bool include_keys) {
  base::json_writer w(out);
  if (include_keys) {
    record_json::write(w, s);
    return;
  }
  // Same layout, with the key set replaced by its size.
  w.begin_object();
  state::visit_fields(s, [&](std::string_view name, const auto& field) {
    w.key(name);
    if constexpr (std::is_same_v<std::decay_t<decltype(field)>, idempotency_keys>)
      w.value(static_cast<std::int64_t>(field.size()));
    else {
      using record_json::write;
      write(w, field);  // unqualified, so the overloads above are found too
    }
  });
  w.end_object();
}

result<state> decode_state(std::string_view json) {
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  if (auto err = parser.parse(json.data(), json.size()).get(doc))
    return error{std::string("state: invalid JSON: ") + simdjson::error_message(err)};
  state s;
  if (auto st = record_json::read(doc, s, "state"); !st) return st.error();
  index_open_orders(s);
  return s;
}

}  // namespace strike::core
