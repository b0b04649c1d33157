// The journal's on-disk format, version 1.
//
// A journal is a directory holding:
//   events.jsonl                      the active segment; the only file ever appended to
//   events-<date>-<first seq>.jsonl   closed daily segments, <first seq> zero-padded to 12 digits
//   snapshot-<seq>.json               folded state up to <seq> (storage/snapshot.hpp)
//   events.jsonl.torn-<offset>        bytes cut from a torn tail by recovery, kept for inspection
//
// Each segment is a sequence of lines. Every line is one JSON object (events/codec.hpp) whose
// last field is its checksum:
//
//   {"seq":7,"ts":...,"type":"OrderFilled",...,"crc":"1a2b3c4d"}\n
//   |<------------- checksummed bytes ---------->|
//
// crc: CRC-32C of every byte from the opening brace up to, not including, the ,"crc":" that
//      introduces it; written as 8 lower-case hex digits.
// seq: 1 for the first event ever, then +1 per line, continuing across segments.
// A line is at most max_line_bytes long including its newline.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace strike::storage {

inline constexpr std::string_view active_segment_name = "events.jsonl";
inline constexpr std::string_view crc_field = ",\"crc\":\"";  // introduces the checksum
inline constexpr std::size_t crc_hex_digits = 8;
// ,"crc":"XXXXXXXX"}  — everything after the checksummed bytes, newline excluded.
inline constexpr std::size_t crc_suffix_size = crc_field.size() + crc_hex_digits + 2;
inline constexpr std::size_t max_line_bytes = 64 * 1024;

// Turns the encoded JSON object in line (which must end with '}') into a journal line:
// appends the checksum field and a newline.
void seal_line(std::string& line);
// The same for the object that starts at from in buffer, so lines are sealed one after another
// in one batch.
void seal_line(std::string& buffer, std::size_t from);

// What is wrong with one line (without its newline), or an empty view when it is intact.
std::string_view check_line(std::string_view line);

}  // namespace strike::storage
