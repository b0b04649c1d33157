// SIGHUP's log reopening after logrotate moved striked.log away.
#include <doctest/doctest.h>
#include <spdlog/spdlog.h>
#include <sys/stat.h>

#include <fstream>
#include <sstream>

#include "daemon/logging.hpp"
#include "tests/support/temp_dir.hpp"

using namespace strike;

namespace {

std::string read_all(const std::filesystem::path& p) {
  std::ifstream in(p);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

unsigned mode_of(const std::filesystem::path& p) {
  struct stat st {};
  REQUIRE(::stat(p.c_str(), &st) == 0);
  return st.st_mode & 0777;
}

}  // namespace

TEST_CASE("reopen_log_file starts a new striked.log, mode 0600, after the old one was renamed") {
  test::temp_dir dir;
  REQUIRE(daemon::init_daemon_logging(dir.path(), "info").ok());
  const auto log = dir / "striked.log";
  SPDLOG_INFO("before rotation");
  spdlog::default_logger()->flush();
  CHECK(mode_of(log) == 0600);

  std::filesystem::rename(log, dir / "striked.log.1");
  SPDLOG_INFO("written to the renamed file");  // an open file keeps receiving until reopened
  daemon::reopen_log_file();
  SPDLOG_INFO("after rotation");
  spdlog::default_logger()->flush();

  REQUIRE(std::filesystem::exists(log));
  CHECK(mode_of(log) == 0600);
  const auto fresh = read_all(log), old = read_all(dir / "striked.log.1");
  CHECK(fresh.find("after rotation") != std::string::npos);
  CHECK(fresh.find("before rotation") == std::string::npos);
  CHECK(old.find("before rotation") != std::string::npos);
  CHECK(old.find("written to the renamed file") != std::string::npos);
  CHECK(old.find("after rotation") == std::string::npos);
  // "timestamp level [file:line] message"
  CHECK(fresh.find(" info [log_reopen_test.cpp:") != std::string::npos);

  daemon::init_console_logging("warn");
}

TEST_CASE("reopen_log_file keeps appending when the file was not moved") {
  test::temp_dir dir;
  REQUIRE(daemon::init_daemon_logging(dir.path(), "info").ok());
  SPDLOG_INFO("first line");
  daemon::reopen_log_file();
  SPDLOG_INFO("second line");
  spdlog::default_logger()->flush();
  const auto text = read_all(dir / "striked.log");
  CHECK(text.find("first line") != std::string::npos);
  CHECK(text.find("second line") != std::string::npos);
  daemon::init_console_logging("warn");
}

TEST_CASE("a striked.log left world-readable is narrowed to 0600 when opened") {
  test::temp_dir dir;
  const auto log = dir / "striked.log";
  std::ofstream(log) << "an older line\n";
  std::filesystem::permissions(log, std::filesystem::perms(0644));
  REQUIRE(mode_of(log) == 0644);
  REQUIRE(daemon::init_daemon_logging(dir.path(), "info").ok());
  CHECK(mode_of(log) == 0600);
  SPDLOG_INFO("appended");
  spdlog::default_logger()->flush();
  const auto text = read_all(log);
  CHECK(text.find("an older line\nappended") == std::string::npos);  // the line has its prefix
  CHECK(text.find("an older line\n") == 0);
  CHECK(text.find("appended") != std::string::npos);
  daemon::init_console_logging("warn");
}
