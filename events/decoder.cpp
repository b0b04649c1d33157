#include <simdjson.h>

#include <cstdint>
#include <limits>
#include <tuple>
#include <utility>

#include "events/codec.hpp"

namespace strike::events {

static_assert(decode_padding >= simdjson::SIMDJSON_PADDING);

namespace {

using simdjson::dom::element;
using simdjson::dom::object;

// Each returns an empty string on success; an empty std::string costs no allocation.

std::string wrong_type(std::string_view field, std::string_view want) {
  std::string msg = "field '";
  msg.append(field).append("' is not ").append(want);
  return msg;
}

std::string read_value(element v, std::string_view name, std::string& out) {
  std::string_view s;
  if (v.get_string().get(s)) return wrong_type(name, "a string");
  out.assign(s);  // keeps out's capacity, so a reused event decodes without allocating
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

// Fields a type gained after journals were first written with it may be absent (and keep their
// default); every other field is required.
template <class T>
bool added_later(std::string_view name) {
  if constexpr (requires { T::fields_added_later; }) {
    for (std::string_view later : T::fields_added_later)
      if (name == later) return true;
  }
  return false;
}

// --- the in-order path ------------------------------------------------------------------
// Lines as encode() writes them hold their keys in one known order, so one walk over the keys,
// reading each value straight into the event, decodes them. Anything else (another order, a
// missing, repeated or unknown field, a wrongly typed value) fails here and goes to the checked
// path below, which accepts any order and names the fault.

class key_cursor {
 public:
  explicit key_cursor(object obj) : it_(obj.begin()), end_(obj.end()) {}
  // Names are a few bytes long: a byte loop beats a call to memcmp for every key of every line.
  [[gnu::always_inline]] bool at(std::string_view name) const {
    if (it_ == end_) return false;
    const std::string_view k = it_.key();
    if (k.size() != name.size()) return false;
    for (std::size_t i = 0; i < name.size(); ++i)
      if (k[i] != name[i]) return false;
    return true;
  }
  element value() const { return it_.value(); }
  void next() { ++it_; }
  bool done() const { return it_ == end_; }

 private:
  object::iterator it_;
  object::iterator end_;
};

bool envelope_in_order(key_cursor& keys, envelope& env, std::size_t& type) {
  if (!keys.at("seq") || keys.value().get_int64().get(env.seq)) return false;
  keys.next();
  if (!keys.at("ts") || keys.value().get_int64().get(env.ts)) return false;
  keys.next();
  std::string_view sv;
  if (!keys.at("type") || keys.value().get_string().get(sv)) return false;
  const auto index = type_index_of(sv);
  if (!index) return false;
  type = *index;
  keys.next();
  env.key.clear();
  if (keys.at("key")) {
    if (keys.value().get_string().get(sv)) return false;
    env.key.assign(sv);
    keys.next();
  }
  env.cause = 0;
  if (keys.at("cause")) {
    if (keys.value().get_int64().get(env.cause)) return false;
    keys.next();
  }
  env.corr.clear();
  if (keys.at("corr")) {
    if (keys.value().get_string().get(sv)) return false;
    env.corr.assign(sv);
    keys.next();
  }
  return true;
}

template <class T>
bool body_in_order(key_cursor& keys, T& body) {
  bool ok = true;
  T::visit_fields(body, [&](std::string_view name, auto& field) {
    if (!ok) return;
    if (keys.at(name)) {
      ok = read_value(keys.value(), name, field).empty();
      keys.next();
    } else if (added_later<T>(name)) {
      field = std::decay_t<decltype(field)>{};
    } else {
      ok = false;
    }
  });
  if (keys.at("crc")) keys.next();  // the journal's checksum, checked before decoding
  return ok && keys.done();
}

// One spare payload of every type. Decoding a type other than the one out holds swaps the held
// one in here and the spare of the wanted type out, so strings keep their buffers across lines
// of changing types.
template <class Variant>
class spare_bodies;

template <class... T>
class spare_bodies<std::variant<T...>> {
 public:
  template <class U>
  U& take(payload& out) {
    if (auto* held = std::get_if<U>(&out)) return *held;
    std::visit([&](auto& held) { std::swap(std::get<std::decay_t<decltype(held)>>(items_), held); },
               out);
    return out.template emplace<U>(std::move(std::get<U>(items_)));
  }

 private:
  std::tuple<T...> items_;
};

using spares = spare_bodies<payload>;

template <class T>
bool decode_in_order(key_cursor& keys, payload& out, spares& spare) {
  return body_in_order(keys, spare.take<T>(out));
}

// --- the checked path -------------------------------------------------------------------

bool is_envelope_field(std::string_view k) {
  return k == "seq" || k == "ts" || k == "type" || k == "key" || k == "cause" || k == "corr" ||
         k == "crc";
}

template <class T>
std::uint32_t optional_fields_mask() {
  std::uint32_t mask = 0;
  T body{};
  int index = 0;
  T::visit_fields(body, [&](std::string_view name, auto&) {
    if (added_later<T>(name)) mask |= 1u << index;
    ++index;
  });
  return mask;
}

// Reads T's fields from obj; every field must be present (bar those added later), and nothing
// else may be.
template <class T>
std::string decode_checked(object obj, payload& out) {
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

std::string envelope_checked(object obj, envelope& env) {
  if (obj["seq"].get_int64().get(env.seq)) return "missing or non-integer field 'seq'";
  if (obj["ts"].get_int64().get(env.ts)) return "missing or non-integer field 'ts'";
  std::string_view sv;
  env.key.clear();
  if (auto k = obj["key"]; k.error() != simdjson::NO_SUCH_FIELD) {
    if (k.get_string().get(sv)) return "field 'key' is not a string";
    env.key.assign(sv);
  }
  env.cause = 0;
  if (auto c = obj["cause"]; c.error() != simdjson::NO_SUCH_FIELD) {
    if (c.get_int64().get(env.cause)) return "field 'cause' is not an integer";
  }
  env.corr.clear();
  if (auto c = obj["corr"]; c.error() != simdjson::NO_SUCH_FIELD) {
    if (c.get_string().get(sv)) return "field 'corr' is not a string";
    env.corr.assign(sv);
  }
  return {};
}

std::string decode_any_order(object obj, event& out) {
  std::string_view type;
  if (obj["type"].get_string().get(type)) return "missing field 'type'";
  auto index = type_index_of(type);
  if (!index) return "unknown event type '" + std::string(type) + "'";
  if (auto err = envelope_checked(obj, out.env); !err.empty()) return err;
  using checked = std::string (*)(object, payload&);
  static constexpr auto decoders = []<std::size_t... I>(std::index_sequence<I...>) {
    return std::array<checked, type_count>{
        &decode_checked<std::variant_alternative_t<I, payload>>...};
  }
  (std::make_index_sequence<type_count>{});
  return decoders[*index](obj, out.body);
}

}  // namespace

struct decoder::impl {
  simdjson::dom::parser parser;
  spares spare;
};

decoder::decoder() : impl_(std::make_unique<impl>()) {}
decoder::~decoder() = default;

std::string decoder::decode(std::string_view text, event& out, bool padded) {
  element doc;
  if (auto err = impl_->parser.parse(text.data(), text.size(), !padded).get(doc))
    return std::string("invalid JSON: ") + simdjson::error_message(err);
  object obj;
  if (doc.get_object().get(obj)) return "not a JSON object";

  using in_order = bool (*)(key_cursor&, payload&, spares&);
  static constexpr auto in_order_decoders = []<std::size_t... I>(std::index_sequence<I...>) {
    return std::array<in_order, type_count>{
        &decode_in_order<std::variant_alternative_t<I, payload>>...};
  }
  (std::make_index_sequence<type_count>{});

  key_cursor keys(obj);
  std::size_t type = 0;
  if (envelope_in_order(keys, out.env, type) &&
      in_order_decoders[type](keys, out.body, impl_->spare))
    return {};
  return decode_any_order(obj, out);
}

}  // namespace strike::events
