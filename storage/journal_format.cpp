#include "storage/journal_format.hpp"

#include <array>
#include <cassert>
#include <cstdint>

#include "storage/crc32c.hpp"

namespace strike::storage {
namespace {

constexpr char hex[] = "0123456789abcdef";

// Digit values of lower-case hex, 0xFF for any other byte: one load per digit, as every line
// of a replay passes through here.
constexpr auto hex_values = [] {
  std::array<std::uint8_t, 256> t{};
  t.fill(0xFF);
  for (int i = 0; i < 16; ++i) t[static_cast<unsigned char>(hex[i])] = static_cast<std::uint8_t>(i);
  return t;
}();

}  // namespace

void seal_line(std::string& line) {
  seal_line(line, 0);
}

void seal_line(std::string& line, std::size_t from) {
  assert(line.size() > from && line.back() == '}');
  line.pop_back();
  const std::uint32_t crc = crc32c(std::string_view(line).substr(from));
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
  std::uint8_t bad = 0;
  for (std::size_t i = 0; i < crc_hex_digits; ++i) {
    const std::uint8_t v =
        hex_values[static_cast<unsigned char>(line[body + crc_field.size() + i])];
    bad |= v;
    stored = (stored << 4) | (v & 0xF);
  }
  if (bad & 0xF0) return "checksum field malformed";
  if (crc32c(line.substr(0, body)) != stored) return "checksum mismatch";
  return {};
}

}  // namespace strike::storage
