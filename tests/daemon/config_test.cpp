#include <doctest/doctest.h>

#include <fstream>

#include "daemon/config.hpp"
#include "daemon/secrets.hpp"
#include "tests/support/temp_dir.hpp"

using namespace strike;

namespace {

std::filesystem::path write(const test::temp_dir& dir, const std::string& text) {
  const auto p = dir / "config.toml";
  std::ofstream(p) << text;
  return p;
}

}  // namespace

TEST_CASE("the shipped config.toml loads") {
  auto c = daemon::load_config(std::string(STRIKE_SOURCE_DIR) + "/config.toml");
  REQUIRE_MESSAGE(c.ok(), (c.ok() ? "" : c.error().message));
  CHECK(c->daemon.mode == "paper");
  CHECK(c->journal.durability == storage::durability::group);
  CHECK(c->daemon.state_dir.is_absolute());
  CHECK(c->sha256.size() == 64);
}

TEST_CASE("an empty config takes every default, with paths relative to the file") {
  test::temp_dir dir;
  auto c = daemon::load_config(write(dir, ""));
  REQUIRE(c.ok());
  CHECK(c->daemon.state_dir == dir.path() / "var/state");
  CHECK(c->journal.rotate_at_minutes == 16 * 60 + 30);
  CHECK(c->daemon.lock_memory);
}

TEST_CASE("[daemon] lock_memory is a boolean, and can be turned off") {
  test::temp_dir dir;
  auto off = daemon::load_config(write(dir, "[daemon]\nlock_memory = false\n"));
  REQUIRE(off.ok());
  CHECK_FALSE(off->daemon.lock_memory);
  auto wrong = daemon::load_config(write(dir, "[daemon]\nlock_memory = \"yes\"\n"));
  REQUIRE_FALSE(wrong.ok());
  CHECK(wrong.error().message.find("lock_memory") != std::string::npos);
}

TEST_CASE("an unknown key is refused with its file, line and column") {
  test::temp_dir dir;
  const auto p = write(dir, "[daemon]\nmode = \"paper\"\n\n[journal]\n  durabilty = \"group\"\n");
  auto c = daemon::load_config(p);
  REQUIRE_FALSE(c.ok());
  CHECK(c.error().message == p.string() + ":5:3: unknown key 'journal.durabilty'");
}

TEST_CASE("wrong types and out-of-range values are all reported, one per line") {
  test::temp_dir dir;
  const auto p = write(
      dir,
      "[daemon]\nmode = \"yolo\"\nheartbeat_ms = \"fast\"\n[journal]\ngroup_commit_ms = 5000\n"
      "rotate_at = \"25:00\"\n[nonsense]\n");
  auto c = daemon::load_config(p);
  REQUIRE_FALSE(c.ok());
  const auto& m = c.error().message;
  CHECK(m.find(p.string() + ":2:8: daemon.mode: 'yolo' is not one of: live, paper, backtest") !=
        std::string::npos);
  CHECK(m.find(p.string() + ":3:16: daemon.heartbeat_ms: expected an integer") !=
        std::string::npos);
  CHECK(m.find(p.string() + ":5:19: journal.group_commit_ms: 5000 is out of range [0, 1000]") !=
        std::string::npos);
  CHECK(m.find(p.string() + ":6:13: journal.rotate_at: '25:00' is not a time of day HH:MM") !=
        std::string::npos);
  CHECK(m.find(p.string() + ":7:2: unknown key 'nonsense'") != std::string::npos);
}

TEST_CASE("the [backtest] section is read and its bounds are kept") {
  test::temp_dir dir;
  auto good = daemon::load_config(
      write(dir, "[backtest]\nslippage_bps = 12\nlatency_ms = 250\nspread_paise = 10\n"));
  REQUIRE_MESSAGE(good.ok(), (good.ok() ? "" : good.error().message));
  CHECK(good->backtest.slippage_bps == 12);
  CHECK(good->backtest.latency_ms == 250);
  CHECK(good->backtest.spread_paise == 10);
  auto bad = daemon::load_config(write(dir, "[backtest]\nlatency_ms = -1\n"));
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.error().message.find("config.toml:2:") != std::string::npos);
  CHECK(bad.error().message.find("latency_ms") != std::string::npos);
}

TEST_CASE("a TOML syntax error names its position") {
  test::temp_dir dir;
  const auto p = write(dir, "[daemon\nmode = 1\n");
  auto c = daemon::load_config(p);
  REQUIRE_FALSE(c.ok());
  CHECK(c.error().message.rfind(p.string() + ":1:", 0) == 0);
}

TEST_CASE("a missing config file is an error naming it") {
  auto c = daemon::load_config("/nonexistent/strike.toml");
  REQUIRE_FALSE(c.ok());
  CHECK(c.error().message.find("/nonexistent/strike.toml") != std::string::npos);
}

TEST_CASE("secret sources name where a secret is, never the secret") {
  test::temp_dir dir;
  auto env = daemon::parse_secret_source("env:STRIKE_TEST_PIN", dir.path());
  REQUIRE(env.ok());
  ::setenv("STRIKE_TEST_PIN", "4321", 1);
  CHECK(*daemon::read_secret(*env) == "4321");

  std::ofstream(dir / "totp") << "JBSWY3DPEHPK3PXP\n";
  auto file = daemon::parse_secret_source("file:totp", dir.path());
  REQUIRE(file.ok());
  CHECK(file->name == (dir / "totp").string());
  CHECK(*daemon::read_secret(*file) == "JBSWY3DPEHPK3PXP");

  auto literal = daemon::parse_secret_source("4321", dir.path());
  REQUIRE_FALSE(literal.ok());
  CHECK(literal.error().message.find("4321") == std::string::npos);

  ::unsetenv("STRIKE_TEST_MISSING");
  auto missing =
      daemon::read_secret(*daemon::parse_secret_source("env:STRIKE_TEST_MISSING", dir.path()));
  REQUIRE_FALSE(missing.ok());
  CHECK(missing.error().message == "secret env:STRIKE_TEST_MISSING is not set");

  ::unsetenv("CREDENTIALS_DIRECTORY");
  auto cred = daemon::read_secret(*daemon::parse_secret_source("credential:pin", dir.path()));
  REQUIRE_FALSE(cred.ok());
}

TEST_CASE("freeze quantities are read by underlying, defaulted when absent, and checked") {
  test::temp_dir dir;
  auto defaults = daemon::load_config(write(dir, ""));
  REQUIRE(defaults.ok());
  CHECK(defaults->trading.trading.freeze_qty.at("NIFTY") == 1800);
  CHECK(defaults->trading.trading.freeze_qty.at("BANKNIFTY") == 900);

  auto own = daemon::load_config(write(dir, "[orders.freeze_qty]\nNIFTY = 1300\nSENSEX = 500\n"));
  REQUIRE(own.ok());
  CHECK(own->trading.trading.freeze_qty ==
        core::trading::freeze_table{{"NIFTY", 1300}, {"SENSEX", 500}});

  const auto p = write(dir, "[orders.freeze_qty]\nNIFTY = 0\nBANKNIFTY = \"lots\"\n");
  auto bad = daemon::load_config(p);
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.error().message.find(p.string() + ":2:9: orders.freeze_qty.NIFTY: 0 is out of range") !=
        std::string::npos);
  CHECK(bad.error().message.find(p.string() +
                                 ":3:13: orders.freeze_qty.BANKNIFTY: expected an integer") !=
        std::string::npos);
}
