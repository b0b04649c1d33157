#include "storage/journal_format.hpp"

#include <cassert>

#include "storage/crc32c.hpp"

namespace strike::storage {
namespace {

constexpr char hex[] = "0123456789abcdef";

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

}  // namespace

void seal_line(std::string& line) {
  assert(!line.empty() && line.back() == '}');
  line.pop_back();
  const std::uint32_t crc = crc32c(line);
  line.append(crc_field);
  for (int shift = 28; shift >= 0; shift -= 4) line.push_back(hex[(crc >> shift) & 0xF]);
  line.append("\"}\n");
}

std::string_view check_line(std::string_view line) {
  if (line.size() < crc_suffix_size + 2 || line.front() != '{') return "not a journal line";
  const std::size_t body = line.size() - crc_suffix_size;
  if (line.substr(body, crc_field.size()) != crc_field || line.substr(line.size() - 2) != "\"}")
    return "checksum field missing";
  std::uint32_t stored = 0;
  for (std::size_t i = 0; i < crc_hex_digits; ++i) {
    const int v = hex_value(line[body + crc_field.size() + i]);
    if (v < 0) return "checksum field malformed";
    stored = (stored << 4) | static_cast<std::uint32_t>(v);
  }
  if (crc32c(line.substr(0, body)) != stored) return "checksum mismatch";
  return {};
}

}  // namespace strike::storage
