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

void encode_payload_fields(const payload& p, std::string& out) {
  base::json_writer w(out);
  write_payload(w, p);
}

}  // namespace strike::events
