// Generic JSON for records that declare STRIKE_FIELDS: strings, integers, doubles, booleans,
// enums with enum_names, string-keyed maps and nested records. Used for the state and its
// snapshots; include it only from .cpp files (it pulls in simdjson).
#pragma once

#include <simdjson.h>

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <type_traits>

#include "base/result.hpp"
#include "events/enums.hpp"
#include "base/json_writer.hpp"

namespace strike::core::record_json {

template <class T>
concept record = requires { T::field_count; };

// --- writing ------------------------------------------------------------------------------

inline void write(base::json_writer& w, const std::string& v) { w.value(v); }
inline void write(base::json_writer& w, std::int64_t v) { w.value(v); }
inline void write(base::json_writer& w, double v) { w.value(v); }
inline void write(base::json_writer& w, bool v) { w.value(v); }

template <class E>
  requires std::is_enum_v<E>
void write(base::json_writer& w, E v) {
  w.value(events::to_string(v));
}

template <record T>
void write(base::json_writer& w, const T& r);

template <class V>
void write(base::json_writer& w, const std::map<std::string, V>& m) {
  w.begin_object();
  for (const auto& [k, v] : m) {
    w.escaped_key(k);
    write(w, v);
  }
  w.end_object();
}

template <record T>
void write(base::json_writer& w, const T& r) {
  w.begin_object();
  T::visit_fields(r, [&](std::string_view name, const auto& field) {
    w.key(name);
    write(w, field);
  });
  w.end_object();
}

// --- reading ------------------------------------------------------------------------------

using simdjson::dom::element;

inline status type_error(const std::string& path, std::string_view want) {
  return error{path + ": expected " + std::string(want)};
}

inline status read(element e, std::string& v, const std::string& path) {
  std::string_view s;
  if (e.get_string().get(s)) return type_error(path, "a string");
  v.assign(s);
  return {};
}
inline status read(element e, std::int64_t& v, const std::string& path) {
  if (e.get_int64().get(v)) return type_error(path, "an integer");
  return {};
}
inline status read(element e, double& v, const std::string& path) {
  if (e.is_null()) {
    v = std::numeric_limits<double>::quiet_NaN();
    return {};
  }
  if (e.get_double().get(v)) return type_error(path, "a number");
  return {};
}
inline status read(element e, bool& v, const std::string& path) {
  if (e.get_bool().get(v)) return type_error(path, "a boolean");
  return {};
}

template <class E>
  requires std::is_enum_v<E>
status read(element e, E& v, const std::string& path) {
  std::string_view s;
  if (e.get_string().get(s)) return type_error(path, "a string");
  auto parsed = events::enum_from_string<E>(s);
  if (!parsed) return error{path + ": unknown value '" + std::string(s) + "'"};
  v = *parsed;
  return {};
}

template <record T>
status read(element e, T& r, const std::string& path);

template <class V>
status read(element e, std::map<std::string, V>& m, const std::string& path) {
  simdjson::dom::object obj;
  if (e.get_object().get(obj)) return type_error(path, "an object");
  m.clear();
  for (auto [k, v] : obj) {
    const std::string key(k);
    if (auto s = read(v, m[key], path + "." + key); !s) return s;
  }
  return {};
}

// Every declared field must be present and no other.
template <record T>
status read(element e, T& r, const std::string& path) {
  simdjson::dom::object obj;
  if (e.get_object().get(obj)) return type_error(path, "an object");
  status result;
  int present = 0;
  T::visit_fields(r, [&](std::string_view name, auto& field) {
    if (!result) return;
    element value;
    if (obj[name].get(value)) {
      result = error{path + "." + std::string(name) + ": missing"};
      return;
    }
    ++present;
    result = read(value, field, path + "." + std::string(name));
  });
  if (result && static_cast<int>(obj.size()) != present)
    return error{path + ": has fields this version does not know"};
  return result;
}

}  // namespace strike::core::record_json
