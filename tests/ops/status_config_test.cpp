// The [status] section and [daemon] min_free_mb: defaults, loopback-only addresses unless
// allowed, and errors located in the file.
#include <doctest/doctest.h>

#include <fstream>

#include "daemon/config.hpp"
#include "tests/support/temp_dir.hpp"

using namespace strike;

namespace {

result<daemon::config> load(const test::temp_dir& dir, const std::string& text) {
  const auto p = dir / "config.toml";
  std::ofstream(p) << text;
  return daemon::load_config(p);
}

}  // namespace

TEST_CASE("the status endpoint defaults to 127.0.0.1:9464, enabled, and min_free_mb to 512") {
  test::temp_dir dir;
  auto c = load(dir, "");
  REQUIRE(c.ok());
  CHECK(c->status.enabled);
  CHECK(c->status.address == "127.0.0.1");
  CHECK(c->status.port == 9464);
  CHECK_FALSE(c->status.allow_remote);
  CHECK(c->daemon.min_free_mb == 512);
}

TEST_CASE("loopback addresses are accepted, in IPv4 and IPv6, with any port including 0") {
  test::temp_dir dir;
  for (const char* address : {"127.0.0.1", "127.8.9.10", "::1"}) {
    auto c = load(dir, std::string("[status]\naddress = \"") + address +
                           "\"\nport = 0\n[daemon]\nmin_free_mb = 0\n");
    REQUIRE_MESSAGE(c.ok(), address << ": " << (c.ok() ? "" : c.error().message));
    CHECK(c->status.address == address);
    CHECK(c->status.port == 0);
    CHECK(c->daemon.min_free_mb == 0);
  }
}

TEST_CASE("a non-loopback address is refused unless allow_remote is set, with a token") {
  test::temp_dir dir;
  for (const char* address : {"0.0.0.0", "192.168.1.20", "::", "fe80::1"}) {
    auto refused = load(dir, std::string("[status]\naddress = \"") + address + "\"\n");
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error().message.find(":2:11: status.address: '" + std::string(address) +
                                       "' is not a loopback address; set allow_remote = true") !=
          std::string::npos);
    auto allowed = load(dir, std::string("[status]\naddress = \"") + address +
                                 "\"\nallow_remote = true\ntoken = \"env:STRIKE_STATUS_TOKEN\"\n");
    CHECK_MESSAGE(allowed.ok(), address);
    auto without_token =
        load(dir, std::string("[status]\naddress = \"") + address + "\"\nallow_remote = true\n");
    REQUIRE_FALSE(without_token.ok());
    CHECK(without_token.error().message.find(
              "status.token: allow_remote = true needs a bearer token") != std::string::npos);
  }
}

TEST_CASE("host names, bad ports, bad thresholds and unknown status keys are refused") {
  test::temp_dir dir;
  auto named = load(dir, "[status]\naddress = \"localhost\"\n");
  REQUIRE_FALSE(named.ok());
  CHECK(named.error().message.find("status.address: 'localhost' is not an IPv4 or IPv6 address") !=
        std::string::npos);
  auto port = load(dir, "[status]\nport = 70000\n");
  REQUIRE_FALSE(port.ok());
  CHECK(port.error().message.find("status.port: 70000 is out of range [0, 65535]") !=
        std::string::npos);
  auto free = load(dir, "[daemon]\nmin_free_mb = -1\n");
  REQUIRE_FALSE(free.ok());
  CHECK(free.error().message.find("daemon.min_free_mb") != std::string::npos);
  auto unknown = load(dir, "[status]\nbind = \"127.0.0.1\"\n");
  REQUIRE_FALSE(unknown.ok());
  CHECK(unknown.error().message.find("unknown key 'status.bind'") != std::string::npos);
}

TEST_CASE(
    "the production example systemd/config.toml loads, with its paths and credential sources") {
  auto c = daemon::load_config(std::string(STRIKE_SOURCE_DIR) + "/systemd/config.toml");
  REQUIRE_MESSAGE(c.ok(), (c.ok() ? "" : c.error().message));
  CHECK(c->daemon.state_dir == "/var/lib/strike");
  CHECK(c->daemon.log_dir == "/var/log/strike");
  CHECK(c->broker.client_code.describe() == "credential:client_code");
  CHECK(c->broker.pin.describe() == "credential:pin");
  CHECK(c->broker.totp_secret.describe() == "credential:totp_secret");
  CHECK(c->broker.api_key.describe() == "credential:api_key");
  CHECK(c->status.address == "127.0.0.1");
  CHECK(c->daemon.shutdown_timeout_ms <= 60'000);
}
