#include <doctest/doctest.h>

#include <fstream>

#include "daemon/config.hpp"
#include "daemon/holidays_file.hpp"
#include "tests/support/temp_dir.hpp"

using namespace strike;

TEST_CASE("a holiday file lists years, holidays and special sessions") {
  auto cal = daemon::parse_holidays(R"(
years = [2030]
holidays = [
  { date = 2030-01-01, name = "New Year" },
]
special_sessions = [ { date = 2030-02-02, name = "Budget" } ]
)",
                                    "h.toml");
  REQUIRE(cal.ok());
  CHECK_FALSE(cal->is_trading_day({2030, 1, 1}));
  CHECK(cal->is_trading_day({2030, 2, 2}));
  CHECK(cal->covers({2030, 7, 1}));
}

TEST_CASE("every problem in a holiday file is reported with its line and column") {
  auto cal = daemon::parse_holidays(R"(years = [2030]
holidays = [
  { date = "2030-01-01", name = "quoted date" },
  { date = 2030-01-05, name = "a Saturday" },
  { date = 2031-01-01, name = "uncovered year" },
  { date = 2030-01-07, name = "" },
  { date = 2030-01-08, name = "x", when = "never" },
]
extra = 1
)",
                                    "h.toml");
  REQUIRE_FALSE(cal.ok());
  const std::string& m = cal.error().message;
  CHECK(m.find("h.toml:3:12: date must be a TOML date") != std::string::npos);
  CHECK(m.find("h.toml:6:31: name must be a non-empty string") != std::string::npos);
  CHECK(m.find("h.toml:7:43: unknown key 'when'") != std::string::npos);
  CHECK(m.find("h.toml:9:9: unknown key 'extra'") != std::string::npos);
  CHECK(m.find("holiday 2030-01-05 (a Saturday) falls on a Saturday") != std::string::npos);
  CHECK(m.find("holiday 2031-01-01 is in a year not listed in years") != std::string::npos);
}

TEST_CASE("a TOML syntax error names the file, line and column") {
  auto cal = daemon::parse_holidays("years = [2030\n", "bad.toml");
  REQUIRE_FALSE(cal.ok());
  CHECK(cal.error().message.rfind("bad.toml:", 0) == 0);
}

TEST_CASE("config [session] holidays_file replaces the built-in list") {
  test::temp_dir dir;
  {
    std::ofstream(dir / "holidays.toml")
        << "years = [2025]\nholidays = [ { date = 2025-06-02, name = \"Test day\" } ]\n";
    std::ofstream(dir / "config.toml")
        << "[session]\nholidays_file = \"holidays.toml\"\neod_exit = \"15:10\"\n";
  }
  auto cfg = daemon::load_config(dir / "config.toml");
  REQUIRE(cfg.ok());
  auto cal = daemon::make_session_calendar(cfg->session);
  REQUIRE(cal.ok());
  CHECK_FALSE(cal->is_trading_day({2025, 6, 2}));
  CHECK(cal->is_trading_day({2025, 10, 21}));  // Diwali is not in this file
  CHECK(cal->hours().eod_exit == 15 * 60 + 10);
}

TEST_CASE("config refuses session times out of order and malformed expiry rules") {
  test::temp_dir dir;
  std::ofstream(dir / "config.toml")
      << "[session]\nentry_start = \"15:10\"\nexpiry_weekdays = [\"2026-01-01 funday\"]\n";
  auto cfg = daemon::load_config(dir / "config.toml");
  REQUIRE_FALSE(cfg.ok());
  CHECK(cfg.error().message.find("entry_end (15:00) must come after entry_start (15:10)") !=
        std::string::npos);
  CHECK(cfg.error().message.find("'2026-01-01 funday' is not \"YYYY-MM-DD weekday\"") !=
        std::string::npos);
}
