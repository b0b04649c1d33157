// `striked sim` as a separate process, as tests and tools of other parts will run it.
#include <doctest/doctest.h>
#include <simdjson.h>

#include <csignal>
#include <fstream>
#include <sstream>

#include "core/clock.hpp"
#include "sim/totp.hpp"
#include "tests/sim/sim_client.hpp"
#include "tests/support/child_process.hpp"
#include "tests/support/temp_dir.hpp"

using namespace strike;
using namespace strike::test;
using namespace std::chrono_literals;

namespace {
std::string read_all(const std::filesystem::path& p) {
  std::ifstream in(p);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}
}  // namespace

TEST_CASE(
    "striked sim process: ready line, certificate file, TOTP login, an order, SIGTERM exits 0") {
  temp_dir dir;
  const auto cert = dir / "tls/cert.pem";
  const auto ready = dir / "ready.json";
  child_process p(STRIKED_PATH, {"sim", "--https-port", "0", "--admin-port", "0", "--http-port",
                                 "0", "--cert-out", cert.string(), "--ready-file", ready.string(),
                                 "--seed", "3", "--start", "2026-01-05T10:00:00+05:30", "--account",
                                 "P1000001:2468:GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ:prockey1"});
  std::optional<std::string> line;
  while ((line = p.read_stdout_line(20s)) &&
         line->find("striked sim: ready ") == std::string::npos) {
  }
  REQUIRE_MESSAGE(line.has_value(), p.drain_stderr());
  REQUIRE(std::filesystem::exists(ready));
  simdjson::dom::parser parser;
  simdjson::dom::element info = parser.parse(read_all(ready));
  const auto https_port = static_cast<std::uint16_t>(int64_t(info["https_port"]));
  const auto http_port = static_cast<std::uint16_t>(int64_t(info["http_port"]));
  CHECK(https_port != 0);
  CHECK(http_port != 0);
  const std::string pem = read_all(cert);
  CHECK(pem.starts_with("-----BEGIN CERTIFICATE-----"));

  sim_client c(https_port, pem);
  c.api_key = "prockey1";
  core::system_clock wall;
  const auto totp =
      *sim::totp_code("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", wall.now_ns() / core::ns_per_s);
  auto r = c.api_post("/rest/auth/angelbroking/user/v1/loginByPassword",
                      R"({"clientcode":"P1000001","password":"2468","totp":")" + totp + "\"}");
  REQUIRE(r.status == 200);
  simdjson::dom::parser p2;
  simdjson::dom::element login = p2.parse(r.body);
  REQUIRE(bool(login["status"]) == true);
  c.jwt = std::string(std::string_view(login["data"]["jwtToken"]));
  r = c.api_post(
      "/rest/secure/angelbroking/order/v1/placeOrder",
      R"({"variety":"NORMAL","tradingsymbol":"NIFTY13JAN2626000CE","symboltoken":"40123","transactiontype":"BUY","exchange":"NFO","ordertype":"MARKET","producttype":"CARRYFORWARD","duration":"DAY","price":"0","quantity":"65"})");
  simdjson::dom::parser p3;
  CHECK(bool(p3.parse(r.body)["status"]) == true);

  // The plain-HTTP listener serves the same API (and the scrip master).
  sim_client plain(http_port);
  auto master = plain.request("GET", "/OpenAPI_File/files/OpenAPIScripMaster.json", "", {});
  CHECK(master.status == 200);
  CHECK(master.body.find("\"NIFTY13JAN2626000CE\"") != std::string::npos);

  p.signal(SIGTERM);
  CHECK(p.wait_exit(20s) == 0);
}

TEST_CASE("striked sim refuses an unknown flag with the usage exit code") {
  child_process p(STRIKED_PATH, {"sim", "--bogus"});
  CHECK(p.wait_exit(20s) == 2);
}

TEST_CASE("striked sim stops cleanly on SIGTERM sent the moment its ready file exists") {
  temp_dir dir;
  const auto ready = dir / "ready.json";
  child_process p(STRIKED_PATH, {"sim", "--https-port", "0", "--admin-port", "0", "--ready-file",
                                 ready.string()});
  std::optional<std::string> line;
  while ((line = p.read_stdout_line(20s)) && !std::filesystem::exists(ready)) {
  }
  REQUIRE(std::filesystem::exists(ready));
  p.signal(SIGTERM);
  CHECK(p.wait_exit(20s) == 0);
}
