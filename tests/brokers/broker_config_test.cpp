// The [broker] section of config.toml.
#include <doctest/doctest.h>

#include <cstdlib>

#include "base/file_io.hpp"
#include "daemon/broker_setup.hpp"
#include "daemon/config.hpp"
#include "tests/support/temp_dir.hpp"

using namespace strike;
using namespace strike::daemon;

namespace {

result<config> load(test::temp_dir& dir, const std::string& toml) {
  REQUIRE(base::write_file_atomic(dir / "config.toml", toml, 0644).ok());
  return load_config(dir / "config.toml");
}

}  // namespace

TEST_CASE("Without a [broker] section the client points at the simulator on loopback") {
  test::temp_dir dir;
  auto c = load(dir, "[daemon]\nstate_dir = \"state\"\n");
  REQUIRE_MESSAGE(c.ok(), (c.ok() ? "" : c.error().message));
  CHECK(c->broker.base_url == "https://127.0.0.1:8443");
  CHECK(c->broker.ca_file == dir.path() / "var/sim/cert.pem");
  CHECK(c->broker.pin.describe() == "env:STRIKE_PIN");
  const auto s = angelone_settings(c->broker, c->daemon.state_dir);
  CHECK(s.session.token_file == dir.path() / "state" / "broker-tokens.json");
  CHECK(s.instruments.cache_dir == dir.path() / "state" / "instruments");
  CHECK(s.api.backoff.initial_ns == 750'000'000);
  CHECK(s.client_local_ip.empty());  // "auto": detected
}

TEST_CASE("The shipped config.toml loads with its [broker] section") {
  auto c = load_config(std::string(STRIKE_SOURCE_DIR) + "/config.toml");
  REQUIRE_MESSAGE(c.ok(), (c.ok() ? "" : c.error().message));
  CHECK(c->broker.broker == "angelone");
  CHECK(c->broker.instruments_url ==
        "https://127.0.0.1:8443/OpenAPI_File/files/OpenAPIScripMaster.json");
}

TEST_CASE("A secret written into the config is refused without repeating it") {
  test::temp_dir dir;
  auto c = load(dir, "[broker]\npin = \"4321\"\n");
  REQUIRE_FALSE(c.ok());
  CHECK(c.error().message.find("pin") != std::string::npos);
  CHECK(c.error().message.find("4321") == std::string::npos);
}

TEST_CASE("Bad URLs, unknown keys and out-of-range values are errors with their place") {
  test::temp_dir dir;
  auto c = load(
      dir,
      "[broker]\nbase_url = \"http://127.0.0.1:8443\"\nmax_attempts = 0\nverify_tls = false\n");
  REQUIRE_FALSE(c.ok());
  CHECK(c.error().message.find("base_url") != std::string::npos);
  CHECK(c.error().message.find("max_attempts") != std::string::npos);
  CHECK(c.error().message.find("verify_tls") != std::string::npos);
  CHECK(c.error().message.find("config.toml:2:") != std::string::npos);
}

TEST_CASE("Live trading needs the registered public IP") {
  test::temp_dir dir;
  auto c = load(dir, "[daemon]\nmode = \"live\"\n");
  REQUIRE_FALSE(c.ok());
  CHECK(c.error().message.find("client_public_ip") != std::string::npos);
  auto ok = load(dir, "[daemon]\nmode = \"live\"\n[broker]\nclient_public_ip = \"203.0.113.7\"\n");
  CHECK(ok.ok());
}

TEST_CASE("Credentials are read from their sources, and a missing one is named, not shown") {
  test::temp_dir dir;
  REQUIRE(base::write_file_atomic(dir / "pin", "2468\n", 0600).ok());
  ::setenv("STRIKE_TEST_CODE", "C777", 1);
  ::setenv("STRIKE_TEST_TOTP", "JBSWY3DPEHPK3PXP", 1);
  ::unsetenv("STRIKE_TEST_KEY");
  auto c = load(dir,
                "[broker]\nclient_code = \"env:STRIKE_TEST_CODE\"\npin = \"file:pin\"\n"
                "totp_secret = \"env:STRIKE_TEST_TOTP\"\napi_key = \"env:STRIKE_TEST_KEY\"\n");
  REQUIRE(c.ok());
  auto missing = read_credentials(c->broker);
  REQUIRE_FALSE(missing.ok());
  CHECK(missing.error().message.find("env:STRIKE_TEST_KEY") != std::string::npos);
  CHECK(missing.error().message.find("2468") == std::string::npos);
  ::setenv("STRIKE_TEST_KEY", "k-123", 1);
  auto creds = read_credentials(c->broker);
  REQUIRE(creds.ok());
  CHECK(creds->client_code == "C777");
  CHECK(creds->pin == "2468");
  CHECK(creds->api_key == "k-123");
}
