#include "core/trading/order_key.hpp"

#include "core/sha256.hpp"

namespace strike::core::trading {
namespace {

// Backslash-escapes the separator and the escape character itself.
void append_field(std::string& out, const std::string& field) {
  for (char c : field) {
    if (c == '|' || c == '\\') out.push_back('\\');
    out.push_back(c);
  }
  out.push_back('|');
}

}  // namespace

std::string canonical_form(const intent_identity& id) {
  std::string out;
  append_field(out, id.strategy);
  append_field(out, id.instrument);
  append_field(out, std::string(events::to_string(id.side)));
  append_field(out, std::to_string(id.qty));
  append_field(out, std::string(events::to_string(id.purpose)));
  append_field(out, id.reason);
  append_field(out, id.basis);
  return out;
}

std::string order_key(const intent_identity& id) {
  return sha256_hex(canonical_form(id)).substr(0, order_key_length);
}

}  // namespace strike::core::trading
