#include "events/codec.hpp"

#include <simdjson.h>

#include <cstdint>
#include <utility>

#include "base/json_writer.hpp"

namespace strike::events {

static_assert(decode_padding >= simdjson::SIMDJSON_PADDING);

namespace {

// --- encoding -------------------------------------------------------------------------

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

// --- decoding -------------------------------------------------------------------------

using simdjson::dom::element;

std::string wrong_type(std::string_view field, std::string_view want) {
  std::string msg = "field '";
  msg.append(field).append("' is not ").append(want);
  return msg;
}

std::string read_value(element v, std::string_view name, std::string& out) {
  std::string_view s;
  if (v.get_string().get(s)) return wrong_type(name, "a string");
  out.assign(s);
  return {};
}

std::string read_value(element v, std::string_view name, std::int64_t& out) {
  if (v.get_int64().get(out)) return wrong_type(name, "an integer");
  return {};
}

std::string read_value(element v, std::string_view name, double& out) {
  if (v.is_null()) {
    out = std::numeric_limits<double>::quiet_NaN();
    return {};
  }
  if (v.get_double().get(out)) return wrong_type(name, "a number");
  return {};
}

std::string read_value(element v, std::string_view name, bool& out) {
  if (v.get_bool().get(out)) return wrong_type(name, "a boolean");
  return {};
}

template <class E>
requires std::is_enum_v<E> std::string read_value(element v, std::string_view name, E& out) {
  std::string_view s;
  if (v.get_string().get(s)) return wrong_type(name, "a string");
  auto e = enum_from_string<E>(s);
  if (!e) {
    std::string msg = "field '";
    msg.append(name).append("' has unknown value '").append(s).append("'");
    return msg;
  }
  out = *e;
  return {};
}

bool is_envelope_field(std::string_view k) {
  return k == "seq" || k == "ts" || k == "type" || k == "key" || k == "cause" || k == "corr" ||
         k == "crc";
}

// Fields a type gained after journals were first written with it may be absent (and keep their
// default); every other field is required.
template <class T>
std::uint32_t optional_fields_mask() {
  std::uint32_t mask = 0;
  if constexpr (requires { T::fields_added_later; }) {
    T body{};
    int index = 0;
    T::visit_fields(body, [&](std::string_view name, auto&) {
      for (std::string_view later : T::fields_added_later)
        if (name == later) mask |= 1u << index;
      ++index;
    });
  }
  return mask;
}

// Reads T's fields from obj; every field must be present (bar those added later), and nothing
// else may be.
template <class T>
std::string decode_body(simdjson::dom::object obj, payload& out) {
  T body{};
  std::uint32_t seen = 0;
  static_assert(T::field_count <= 32);
  for (auto [k, v] : obj) {
    if (is_envelope_field(k)) continue;
    int index = 0;
    bool matched = false;
    std::string err;
    T::visit_fields(body, [&](std::string_view name, auto& field) {
      if (!matched && name == k) {
        matched = true;
        if (seen & (1u << index)) {
          err = "field '" + std::string(name) + "' appears twice";
        } else {
          seen |= 1u << index;
          err = read_value(v, name, field);
        }
      }
      ++index;
    });
    if (!matched)
      return "unexpected field '" + std::string(k) + "' for " + std::string(T::type_name);
    if (!err.empty()) return std::string(T::type_name) + ": " + err;
  }
  static const std::uint32_t optional = optional_fields_mask<T>();
  if ((seen | optional) != (std::uint32_t{1} << T::field_count) - 1) {
    int index = 0;
    std::string missing;
    T::visit_fields(body, [&](std::string_view name, auto&) {
      if (missing.empty() && !((seen | optional) & (1u << index))) missing = name;
      ++index;
    });
    return std::string(T::type_name) + ": missing field '" + missing + "'";
  }
  out = std::move(body);
  return {};
}

using body_decoder = std::string (*)(simdjson::dom::object, payload&);

template <std::size_t... I>
constexpr std::array<body_decoder, type_count> make_body_decoders(std::index_sequence<I...>) {
  return {&decode_body<std::variant_alternative_t<I, payload>>...};
}

constexpr auto body_decoders = make_body_decoders(std::make_index_sequence<type_count>{});

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

struct decoder::impl {
  simdjson::dom::parser parser;
};

decoder::decoder() : impl_(std::make_unique<impl>()) {}
decoder::~decoder() = default;

std::string decoder::decode(std::string_view text, event& out, bool padded) {
  element doc;
  if (auto err = impl_->parser.parse(text.data(), text.size(), !padded).get(doc))
    return std::string("invalid JSON: ") + simdjson::error_message(err);
  simdjson::dom::object obj;
  if (doc.get_object().get(obj)) return "not a JSON object";

  std::string_view type;
  if (obj["type"].get_string().get(type)) return "missing field 'type'";
  auto index = type_index_of(type);
  if (!index) return "unknown event type '" + std::string(type) + "'";

  envelope env;
  if (obj["seq"].get_int64().get(env.seq)) return "missing or non-integer field 'seq'";
  if (obj["ts"].get_int64().get(env.ts)) return "missing or non-integer field 'ts'";
  std::string_view sv;
  if (auto k = obj["key"]; k.error() != simdjson::NO_SUCH_FIELD) {
    if (k.get_string().get(sv)) return "field 'key' is not a string";
    env.key.assign(sv);
  }
  if (auto c = obj["cause"]; c.error() != simdjson::NO_SUCH_FIELD) {
    if (c.get_int64().get(env.cause)) return "field 'cause' is not an integer";
  }
  if (auto c = obj["corr"]; c.error() != simdjson::NO_SUCH_FIELD) {
    if (c.get_string().get(sv)) return "field 'corr' is not a string";
    env.corr.assign(sv);
  }
  if (auto err = body_decoders[*index](obj, out.body); !err.empty()) return err;
  out.env = std::move(env);
  return {};
}

}  // namespace strike::events
