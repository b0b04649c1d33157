// Appends compact JSON to a caller-owned string. The writer never allocates beyond growing
// that string, so a reused buffer makes encoding allocation-free in steady state.
//
// Strings are escaped per RFC 8259; bytes that are not valid UTF-8 are replaced by U+FFFD so
// that every line we write stays readable by jq and simdjson. Doubles use the shortest form
// that reads back to the same value; non-finite doubles are written as null.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace strike::base {

class json_writer {
 public:
  explicit json_writer(std::string& out) : out_(out) {}

  json_writer& begin_object();
  json_writer& end_object();
  json_writer& begin_array();
  json_writer& end_array();
  json_writer& key(std::string_view k);  // k must not need escaping
  json_writer& escaped_key(std::string_view k);  // any text as a key

  json_writer& value(std::string_view s);
  json_writer& value(const char* s) { return value(std::string_view{s}); }
  json_writer& value(std::int64_t v);
  json_writer& value(std::uint64_t v);
  json_writer& value(int v) { return value(static_cast<std::int64_t>(v)); }
  json_writer& value(double v);
  json_writer& value(bool v);
  json_writer& null();

  // Writes pre-encoded JSON text as one value.
  json_writer& raw(std::string_view json);

  std::string& buffer() { return out_; }

 private:
  void separate();

  std::string& out_;
  bool first_ = true;  // no value written yet at the current nesting level
};

// Appends s to out as a JSON string literal, quotes included.
void append_json_string(std::string& out, std::string_view s);

}  // namespace strike::base
