#include "brokers/angelone/envelope.hpp"

#include "brokers/angelone/json_fields.hpp"
#include "brokers/broker_error.hpp"

namespace strike::brokers::angelone {

using simdjson::dom::element;
using simdjson::dom::element_type;

namespace {

// "true", true, "SUCCESS"-style flags are all success.
std::optional<bool> flag(simdjson::dom::object o, std::string_view key) {
  element e;
  if (o[key].get(e)) return std::nullopt;
  if (e.type() == element_type::BOOL) return e.get_bool().value_unsafe();
  if (e.type() == element_type::STRING) {
    const auto s = e.get_string().value_unsafe();
    return s == "true" || s == "True" || s == "TRUE";
  }
  return std::nullopt;
}

}  // namespace

bool envelope::data_empty() const {
  if (!has_data) return true;
  switch (data.type()) {
    case element_type::NULL_VALUE: return true;
    case element_type::STRING: return data.get_string().value_unsafe().empty();
    case element_type::ARRAY: return data.get_array().value_unsafe().size() == 0;
    case element_type::OBJECT: return data.get_object().value_unsafe().size() == 0;
    default: return false;
  }
}

result<envelope> parse_envelope(simdjson::dom::parser& parser, std::string_view body) {
  using events::failure_kind;
  if (body.empty()) return broker_error(failure_kind::bad_response, "empty reply");
  element root;
  if (auto err = parser.parse(body.data(), body.size(), true).get(root))
    return broker_error(failure_kind::bad_response,
                        std::string("reply is not JSON: ") + simdjson::error_message(err));
  simdjson::dom::object obj;
  if (root.get(obj)) return broker_error(failure_kind::bad_response, "reply is not a JSON object");

  auto success = flag(obj, "status");
  if (!success) success = flag(obj, "success");
  if (!success) return broker_error(failure_kind::bad_response, "reply has no status");

  envelope env;
  env.success = *success;
  fields f(obj);
  env.message = f.text("message");
  env.code = f.has("errorcode") ? f.text("errorcode") : f.text("errorCode");
  env.has_data = !obj["data"].get(env.data);
  return env;
}

}  // namespace strike::brokers::angelone
