#include "events/codec.hpp"

#include <cstdint>
#include <utility>

#include "base/json_writer.hpp"

namespace strike::events {
namespace {

struct field_writer {
  base::json_writer& w;
  void operator()(std::string_view name, const std::string& v) { w.key(name).value(v); }
  void operator()(std::string_view name, std::int64_t v) { w.key(name).value(v); }
  void operator()(std::string_view name, double v) { w.key(name).value(v); }
  void operator()(std::string_view name, bool v) { w.key(name).value(v); }
  template <class E>
  requires std::is_enum_v<E>
  void operator()(std::string_view name, E v) { w.key(name).value(to_string(v)); }
};

// ,"name": and the longest the value can be written.
struct field_bound {
  std::size_t& bytes;
  static constexpr std::size_t per_char = 6;  // \u00XX
  void add(std::string_view name, std::size_t value) { bytes += name.size() + 4 + value; }
  void operator()(std::string_view name, const std::string& v) {
    add(name, 2 + per_char * v.size());
  }
  void operator()(std::string_view name, std::int64_t) { add(name, 20); }
  void operator()(std::string_view name, double) { add(name, 32); }
  void operator()(std::string_view name, bool) { add(name, 5); }
  template <class E>
  requires std::is_enum_v<E>
  void operator()(std::string_view name, E v) { add(name, 2 + per_char * to_string(v).size()); }
};

void write_payload(base::json_writer& w, const payload& p) {
  std::visit([&](const auto& body) { body.visit_fields(body, field_writer{w}); }, p);
}

}  // namespace

void encode(const event& e, std::string& out) {
  base::json_writer w(out);
  w.begin_object();
  w.key("seq").value(e.env.seq);
  w.key("ts").value(e.env.ts);
  w.key("type").value(e.type_name());
  if (!e.env.key.empty()) w.key("key").value(e.env.key);
  if (e.env.cause != 0) w.key("cause").value(e.env.cause);
  if (!e.env.corr.empty()) w.key("corr").value(e.env.corr);
  write_payload(w, e.body);
  w.end_object();
}

std::size_t encoded_size_bound(const event& e) {
  // {"seq":N,"ts":N,"type":"...","key":"...","cause":N,"corr":"..."}
  std::size_t bytes = 2 + 3 * (8 + 20) + 10 + e.type_name().size() +
                      2 * (10 + field_bound::per_char * (e.env.key.size() + e.env.corr.size()));
  std::visit([&](const auto& body) { body.visit_fields(body, field_bound{bytes}); }, e.body);
  return bytes;
}

void encode_payload_fields(const payload& p, std::string& out) {
  base::json_writer w(out);
  write_payload(w, p);
}

}  // namespace strike::events
