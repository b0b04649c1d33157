#include <doctest/doctest.h>

#include "storage/journal_format.hpp"
#include "storage/segment_reader.hpp"
#include "tests/storage/journal_writer_support.hpp"
#include "tests/support/temp_dir.hpp"

using namespace strike;
using damage = storage::segment_scan::damage;

namespace {

storage::segment_scan scan(const std::filesystem::path& p, std::int64_t first = 0) {
  auto r = storage::scan_segment(p, first, nullptr);
  REQUIRE(r.ok());
  return *r;
}

// Byte offset of the start of line n (1-based).
std::size_t line_offset(const std::string& content, int n) {
  std::size_t at = 0;
  for (int i = 1; i < n; ++i) at = content.find('\n', at) + 1;
  return at;
}

}  // namespace

TEST_CASE("an intact segment reports every line and its seq range") {
  test::temp_dir dir;
  test::write_events(dir.path(), 1, 50);
  const auto s = scan(dir / "events.jsonl", 1);
  CHECK(s.found == damage::none);
  CHECK(s.intact_lines == 50);
  CHECK(s.first_seq == 1);
  CHECK(s.last_seq == 50);
  CHECK(s.intact_bytes == s.file_bytes);
}

TEST_CASE("a truncated trailing record is a torn tail at its offset") {
  test::temp_dir dir;
  test::write_events(dir.path(), 1, 10);
  const auto path = dir / "events.jsonl";
  std::string content = test::slurp(path);
  const std::size_t last = line_offset(content, 10);
  test::spit(path, content.substr(0, last + 17));
  const auto s = scan(path);
  CHECK(s.found == damage::torn_tail);
  CHECK(s.damage_line == 10);
  CHECK(s.damage_offset == static_cast<std::int64_t>(last));
  CHECK(s.intact_lines == 9);
  CHECK(s.intact_bytes == static_cast<std::int64_t>(last));
}

TEST_CASE("a complete last line missing only its newline is a torn tail") {
  test::temp_dir dir;
  test::write_events(dir.path(), 1, 3);
  const auto path = dir / "events.jsonl";
  std::string content = test::slurp(path);
  content.pop_back();
  test::spit(path, content);
  const auto s = scan(path);
  CHECK(s.found == damage::torn_tail);
  CHECK(s.reason == "partial line (no newline)");
  CHECK(s.intact_lines == 2);
}

TEST_CASE("a tail of zero bytes left by a lost write is a torn tail") {
  test::temp_dir dir;
  test::write_events(dir.path(), 1, 3);
  const auto path = dir / "events.jsonl";
  test::spit(path, test::slurp(path) + std::string(4096, '\0'));
  const auto s = scan(path);
  CHECK(s.found == damage::torn_tail);
  CHECK(s.intact_lines == 3);
}

TEST_CASE("a checksum mismatch mid-file is corruption reported with its line and offset") {
  test::temp_dir dir;
  test::write_events(dir.path(), 1, 20);
  const auto path = dir / "events.jsonl";
  std::string content = test::slurp(path);
  const std::size_t seventh = line_offset(content, 7);
  content[seventh + 30] ^= 0x01;
  test::spit(path, content);
  const auto s = scan(path);
  CHECK(s.found == damage::corrupt);
  CHECK(s.damage_line == 7);
  CHECK(s.damage_offset == static_cast<std::int64_t>(seventh));
  CHECK(s.reason == "checksum mismatch");
  CHECK(s.describe(path).find("line 7, byte offset " + std::to_string(seventh)) != std::string::npos);
}

TEST_CASE("a damaged line followed by intact ones is corruption even near the end") {
  test::temp_dir dir;
  test::write_events(dir.path(), 1, 5);
  const auto path = dir / "events.jsonl";
  std::string content = test::slurp(path);
  content[line_offset(content, 4) + 3] ^= 0x20;
  test::spit(path, content);
  const auto s = scan(path);
  CHECK(s.found == damage::corrupt);
  CHECK(s.damage_line == 4);
}

TEST_CASE("a missing line shows up as a seq gap") {
  test::temp_dir dir;
  test::write_events(dir.path(), 1, 6);
  const auto path = dir / "events.jsonl";
  std::string content = test::slurp(path);
  const auto third = line_offset(content, 3), fourth = line_offset(content, 4);
  test::spit(path, content.substr(0, third) + content.substr(fourth));
  const auto s = scan(path);
  CHECK(s.found == damage::corrupt);
  CHECK(s.damage_line == 3);
  CHECK(s.reason == "seq 4 where 3 was expected");
}

TEST_CASE("a segment must start at the seq the previous one ended with") {
  test::temp_dir dir;
  test::write_events(dir.path(), 1, 3);
  const auto s = scan(dir / "events.jsonl", 2);
  CHECK(s.found == damage::corrupt);
  CHECK(s.damage_line == 1);
}

TEST_CASE("a run of bytes with no newline longer than the line limit is damage") {
  test::temp_dir dir;
  test::write_events(dir.path(), 1, 2);
  const auto path = dir / "events.jsonl";
  std::string content = test::slurp(path);
  test::spit(path, content + std::string(storage::max_line_bytes + 10, 'x'));
  const auto s = scan(path);
  CHECK(s.found == damage::torn_tail);
  CHECK(s.reason == "line too long");
  CHECK(s.intact_lines == 2);
}

TEST_CASE("an empty segment is intact and holds nothing") {
  test::temp_dir dir;
  test::spit(dir / "events.jsonl", "");
  const auto s = scan(dir / "events.jsonl");
  CHECK(s.found == damage::none);
  CHECK(s.intact_lines == 0);
  CHECK(s.first_seq == 0);
}

TEST_CASE("seq and ts are read from a line's prefix without parsing it") {
  CHECK(storage::leading_seq(R"({"seq":123,"ts":456,"type":"X"})") == 123);
  CHECK(storage::leading_ts(R"({"seq":123,"ts":456,"type":"X"})") == 456);
  CHECK(storage::leading_seq(R"({"ts":1,"seq":2})") == 0);
  CHECK(storage::leading_seq(R"({"seq":99999999999999999999,"ts":1})") == 0);
}

TEST_CASE("a handler error stops the scan as corruption at that line") {
  test::temp_dir dir;
  test::write_events(dir.path(), 1, 5);
  auto r = storage::scan_segment(dir / "events.jsonl", 0, [](const storage::segment_line& l) -> status {
    if (l.seq == 3) return error{"not acceptable"};
    return {};
  });
  REQUIRE(r.ok());
  CHECK(r->found == damage::corrupt);
  CHECK(r->damage_line == 3);
  CHECK(r->reason == "not acceptable");
  CHECK(r->intact_lines == 2);
}
