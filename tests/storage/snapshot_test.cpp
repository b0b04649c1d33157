#include <doctest/doctest.h>

#include "storage/snapshot.hpp"
#include "tests/storage/journal_writer_support.hpp"
#include "tests/support/temp_dir.hpp"

using namespace strike;

TEST_CASE("a snapshot reads back with its seq and state") {
  test::temp_dir dir;
  REQUIRE(storage::write_snapshot(dir.path(), 42, R"({"a":1})").ok());
  auto s = storage::read_snapshot(dir / "snapshot-000000000042.json");
  REQUIRE(s.ok());
  CHECK(s->seq == 42);
  CHECK(s->state_json == R"({"a":1})");
}

TEST_CASE("the newest intact snapshot is chosen and damaged ones are skipped with a reason") {
  test::temp_dir dir;
  REQUIRE(storage::write_snapshot(dir.path(), 10, R"({"v":10})").ok());
  REQUIRE(storage::write_snapshot(dir.path(), 20, R"({"v":20})").ok());
  const auto newest = dir / "snapshot-000000000020.json";
  std::string content = test::slurp(newest);
  content[content.size() - 3] ^= 0x01;
  test::spit(newest, content);

  std::vector<std::string> skipped;
  auto s = storage::load_newest_snapshot(dir.path(), INT64_MAX, &skipped);
  REQUIRE(s.ok());
  REQUIRE(s->has_value());
  CHECK((*s)->seq == 10);
  REQUIRE(skipped.size() == 1);
  CHECK(skipped[0].find("checksum mismatch") != std::string::npos);
}

TEST_CASE("a snapshot past the journal's end is not used") {
  test::temp_dir dir;
  REQUIRE(storage::write_snapshot(dir.path(), 30, "{}").ok());
  auto s = storage::load_newest_snapshot(dir.path(), 29);
  REQUIRE(s.ok());
  CHECK_FALSE(s->has_value());
}

TEST_CASE("only the newest snapshots are kept") {
  test::temp_dir dir;
  for (int seq = 1; seq <= 6; ++seq) REQUIRE(storage::write_snapshot(dir.path(), seq, "{}", 2).ok());
  int count = 0;
  for (const auto& e : std::filesystem::directory_iterator(dir.path())) {
    ++count;
    CHECK((e.path().filename() == "snapshot-000000000006.json" ||
           e.path().filename() == "snapshot-000000000005.json"));
  }
  CHECK(count == 2);
}

TEST_CASE("a truncated snapshot is rejected") {
  test::temp_dir dir;
  REQUIRE(storage::write_snapshot(dir.path(), 5, R"({"long":"state"})").ok());
  const auto path = dir / "snapshot-000000000005.json";
  const auto content = test::slurp(path);
  test::spit(path, content.substr(0, content.size() - 4));
  auto s = storage::read_snapshot(path);
  REQUIRE_FALSE(s.ok());
  CHECK(s.error().message.find("header says") != std::string::npos);
}
