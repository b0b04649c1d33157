// Free space of real directories on this machine's filesystems, against thresholds on either
// side of what the filesystem reports.
#include <doctest/doctest.h>

#include "daemon/disk_space.hpp"
#include "tests/support/temp_dir.hpp"

using namespace strike;

namespace {

constexpr std::int64_t mib = 1 << 20;

std::int64_t available(const std::filesystem::path& p) { return static_cast<std::int64_t>(std::filesystem::space(p).available); }

}  // namespace

TEST_CASE("free space matches the filesystem's and is low only below the threshold") {
  test::temp_dir dir;
  const std::int64_t real = available(dir.path());
  REQUIRE(real > 4 * mib);  // others write to this disk too: margins of a factor of two

  auto plenty = daemon::check_free_space(dir.path(), real / 2);
  REQUIRE(plenty.ok());
  CHECK_FALSE(plenty->low);
  CHECK(plenty->dir == dir.path());
  CHECK(plenty->free_bytes > real / 2);
  CHECK(plenty->free_bytes < real * 2);
  CHECK(plenty->total_bytes >= plenty->free_bytes);

  auto scarce = daemon::check_free_space(dir.path(), real * 2);
  REQUIRE(scarce.ok());
  CHECK(scarce->low);

  auto unchecked = daemon::check_free_space(dir.path(), 0);
  REQUIRE(unchecked.ok());
  CHECK_FALSE(unchecked->low);
}

TEST_CASE("the state and log directories are reported together, low when either is") {
  test::temp_dir dir;
  std::filesystem::create_directories(dir / "state");
  std::filesystem::create_directories(dir / "log");
  const std::int64_t real_mb = available(dir.path()) / mib;
  REQUIRE(real_mb > 4);

  auto fine = daemon::check_disk(dir / "state", dir / "log", real_mb / 2);
  REQUIRE(fine.ok());
  CHECK_FALSE(fine->low());
  CHECK(fine->state.dir == dir / "state");
  CHECK(fine->log.dir == dir / "log");
  const auto text = fine->describe(real_mb / 2);
  CHECK(text.find("state_dir " + (dir / "state").string() + ": ") == 0);
  CHECK(text.find("; log_dir " + (dir / "log").string() + ": ") != std::string::npos);
  CHECK(text.find("below") == std::string::npos);

  auto low = daemon::check_disk(dir / "state", dir / "log", real_mb * 2);
  REQUIRE(low.ok());
  CHECK(low->low());
  CHECK(low->describe(real_mb * 2).find("MiB free of ") != std::string::npos);
  CHECK(low->describe(real_mb * 2).find(", below " + std::to_string(real_mb * 2) + " MiB") != std::string::npos);
}

TEST_CASE("a directory that does not exist is an error naming it") {
  test::temp_dir dir;
  auto missing = daemon::check_free_space(dir / "nowhere", 1);
  REQUIRE_FALSE(missing.ok());
  CHECK(missing.error().message.find((dir / "nowhere").string()) != std::string::npos);
  CHECK(missing.error().code == std::errc::no_such_file_or_directory);
  CHECK_FALSE(daemon::check_disk(dir.path(), dir / "nowhere", 1).ok());
}
