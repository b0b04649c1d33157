#include "core/trading/order_key.hpp"

#include <charconv>

#include "core/sha256.hpp"

namespace strike::core::trading {
namespace {

// Backslash-escapes the separator and the escape character itself.
void append_field(std::string& out, std::string_view field) {
  for (char c : field) {
    if (c == '|' || c == '\\') out.push_back('\\');
    out.push_back(c);
  }
  out.push_back('|');
}

}  // namespace

std::string canonical_form(const intent_identity& id) {
  std::string out;
  out.reserve(id.strategy.size() + id.instrument.size() + id.reason.size() + id.basis.size() + 48);
  append_field(out, id.strategy);
  append_field(out, id.instrument);
  append_field(out, events::to_string(id.side));
  char qty[24];
  append_field(out, {qty, std::to_chars(qty, qty + sizeof qty, id.qty).ptr});
  append_field(out, events::to_string(id.purpose));
  append_field(out, id.reason);
  append_field(out, id.basis);
  return out;
}

std::string order_key(const intent_identity& id) {
  return sha256_hex(canonical_form(id), order_key_length);
}

}  // namespace strike::core::trading
