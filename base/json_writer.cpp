#include "base/json_writer.hpp"

#include <charconv>
#include <cmath>

namespace strike::base {
namespace {

constexpr char hex_digits[] = "0123456789abcdef";
constexpr std::string_view replacement = "\xEF\xBF\xBD";

// Length of the valid UTF-8 sequence at s[i], or 0 when the bytes there are not valid UTF-8
// (overlong forms, surrogates and code points past U+10FFFF are invalid).
std::size_t utf8_sequence_length(std::string_view s, std::size_t i) {
  const auto b0 = static_cast<unsigned char>(s[i]);
  auto cont = [&](std::size_t k) {
    return i + k < s.size() && (static_cast<unsigned char>(s[i + k]) & 0xC0) == 0x80;
  };
  auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[i + k]); };
  if (b0 >= 0xC2 && b0 <= 0xDF) return cont(1) ? 2 : 0;
  if (b0 >= 0xE0 && b0 <= 0xEF) {
    if (!cont(1) || !cont(2)) return 0;
    if (b0 == 0xE0 && byte(1) < 0xA0) return 0;
    if (b0 == 0xED && byte(1) > 0x9F) return 0;
    return 3;
  }
  if (b0 >= 0xF0 && b0 <= 0xF4) {
    if (!cont(1) || !cont(2) || !cont(3)) return 0;
    if (b0 == 0xF0 && byte(1) < 0x90) return 0;
    if (b0 == 0xF4 && byte(1) > 0x8F) return 0;
    return 4;
  }
  return 0;
}

}  // namespace

void append_json_string(std::string& out, std::string_view s) {
  out.push_back('"');
  std::size_t run = 0;  // start of the pending run of bytes that need no escaping
  std::size_t i = 0;
  auto flush = [&] { out.append(s.data() + run, i - run); };
  while (i < s.size()) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c >= 0x20 && c < 0x80 && c != '"' && c != '\\') {
      ++i;
      continue;
    }
    if (c >= 0x80) {
      if (auto n = utf8_sequence_length(s, i); n != 0) {
        i += n;
        continue;
      }
      flush();
      out.append(replacement);
      run = ++i;
      continue;
    }
    flush();
    switch (c) {
      case '"': out.append("\\\""); break;
      case '\\': out.append("\\\\"); break;
      case '\n': out.append("\\n"); break;
      case '\r': out.append("\\r"); break;
      case '\t': out.append("\\t"); break;
      default:
        out.append("\\u00");
        out.push_back(hex_digits[c >> 4]);
        out.push_back(hex_digits[c & 0xF]);
    }
    run = ++i;
  }
  flush();
  out.push_back('"');
}

void json_writer::separate() {
  if (!first_) out_.push_back(',');
  first_ = false;
}

json_writer& json_writer::begin_object() {
  separate();
  out_.push_back('{');
  first_ = true;
  return *this;
}

json_writer& json_writer::end_object() {
  out_.push_back('}');
  first_ = false;
  return *this;
}

json_writer& json_writer::begin_array() {
  separate();
  out_.push_back('[');
  first_ = true;
  return *this;
}

json_writer& json_writer::end_array() {
  out_.push_back(']');
  first_ = false;
  return *this;
}

json_writer& json_writer::key(std::string_view k) {
  separate();
  out_.push_back('"');
  out_.append(k);
  out_.append("\":");
  first_ = true;  // the value that follows takes no comma
  return *this;
}

json_writer& json_writer::escaped_key(std::string_view k) {
  separate();
  append_json_string(out_, k);
  out_.push_back(':');
  first_ = true;
  return *this;
}

json_writer& json_writer::value(std::string_view s) {
  separate();
  append_json_string(out_, s);
  return *this;
}

json_writer& json_writer::value(std::int64_t v) {
  separate();
  char buf[24];
  auto r = std::to_chars(buf, buf + sizeof buf, v);
  out_.append(buf, r.ptr);
  return *this;
}

json_writer& json_writer::value(std::uint64_t v) {
  separate();
  char buf[24];
  auto r = std::to_chars(buf, buf + sizeof buf, v);
  out_.append(buf, r.ptr);
  return *this;
}

json_writer& json_writer::value(double v) {
  if (!std::isfinite(v)) return null();
  separate();
  char buf[32];
  auto r = std::to_chars(buf, buf + sizeof buf, v);
  out_.append(buf, r.ptr);
  // Keep doubles recognisable as such, so 3.0 does not read back as the integer 3.
  std::string_view written{buf, static_cast<std::size_t>(r.ptr - buf)};
  if (written.find_first_of(".eE") == std::string_view::npos) out_.append(".0");
  return *this;
}

json_writer& json_writer::value(bool v) {
  separate();
  out_.append(v ? "true" : "false");
  return *this;
}

json_writer& json_writer::null() {
  separate();
  out_.append("null");
  return *this;
}

json_writer& json_writer::raw(std::string_view json) {
  separate();
  out_.append(json);
  return *this;
}

}  // namespace strike::base
