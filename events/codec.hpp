// JSON encoding of events: one event, one line, one JSON object.
//
// Layout: {"seq":N,"ts":N,"type":"Name"[,"key":"..."][,"cause":N][,"corr":"..."],<payload>}
// The envelope comes first so `grep '"type":"OrderFilled"'` and jq both work; optional envelope
// fields are omitted when empty; payload fields follow in declaration order, all always
// present. The journal appends its checksum as a last "crc" field (storage/journal_format.hpp),
// which the decoder accepts and ignores.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "events/event.hpp"

namespace strike::events {

// Appends the JSON object for e to out (no newline).
void encode(const event& e, std::string& out);

// At least as many bytes as encode(e) appends, found without encoding: every character of a
// string counted as its longest escape.
std::size_t encoded_size_bound(const event& e);

// Appends only the payload's fields ("a":1,"b":2) to out, for tools that print payloads.
void encode_payload_fields(const payload& p, std::string& out);

// Bytes that must be readable after a text passed to decoder::decode with padded = true.
inline constexpr std::size_t decode_padding = 64;

// Decodes event lines. Holds a reusable simdjson parser and one spare payload of each type:
// one decoder per thread. Decoding line after line into the same event allocates nothing once
// its strings have grown to the longest values seen.
class decoder {
 public:
  decoder();
  ~decoder();
  decoder(const decoder&) = delete;
  decoder& operator=(const decoder&) = delete;

  // Decodes one JSON object into out. When padded is true, decode_padding readable bytes
  // follow text and it is parsed in place; otherwise it is copied first. Returns an empty
  // string on success, else a message naming the type or field at fault, and out holds no
  // meaningful event. Unknown types, missing fields, unexpected fields and wrongly typed values
  // are all errors; keys may come in any order, and a field a type gained later
  // (fields_added_later) may be absent and reads as its default.
  std::string decode(std::string_view text, event& out, bool padded = false);

 private:
  struct impl;
  std::unique_ptr<impl> impl_;
};

}  // namespace strike::events
