// A start that cannot go on says what is wrong in words, and leaves its reason and a
// DaemonStopped in the journal before the non-zero exit: a missing or unusable CA file, missing
// credentials.
#include <doctest/doctest.h>

#include <fstream>

#include "sim/tls_identity.hpp"
#include "storage/journal_reader.hpp"
#include "tests/support/child_process.hpp"
#include "tests/support/temp_dir.hpp"

using namespace strike;
using namespace std::chrono_literals;
namespace ev = strike::events;

namespace startup_failure_cases {

const std::vector<std::string> account{"STRIKE_CLIENT_CODE=SIM001", "STRIKE_PIN=1234",
                                       "STRIKE_TOTP_SECRET=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ",
                                       "STRIKE_API_KEY=simkey01"};

struct failed_start {
  int code = -1;
  std::string stderr_text;
  std::vector<ev::event> journal;
};

// Runs a paper daemon whose broker is at a closed port with ca_file as given.
failed_start start_with(const test::temp_dir& dir, const std::string& ca_file,
                        const std::vector<std::string>& env) {
  const auto config = dir / "config.toml";
  std::ofstream(config) << "[daemon]\nmode = \"paper\"\nstate_dir = \"state\"\nlog_dir = \"log\"\n"
                        << "[broker]\nbase_url = \"https://127.0.0.1:9\"\nca_file = \"" << ca_file
                        << "\"\nclient_public_ip = \"127.0.0.1\"\n[status]\nenabled = false\n";
  test::child_process d(STRIKED_PATH, {"run", "--config", config.string()}, env);
  failed_start out;
  out.code = d.wait_exit(30s).value_or(-1);
  out.stderr_text = d.drain_stderr();
  auto read = storage::read_journal(dir / "state", 0, [&](const ev::event& e) -> status {
    out.journal.push_back(e);
    return {};
  });
  REQUIRE_MESSAGE(read.ok(), (read.ok() ? "" : read.error().message));
  return out;
}

// The journal ends with the reason and the stop, not clean, with the exit code.
std::string journaled_reason(const failed_start& f) {
  REQUIRE(f.journal.size() >= 2);
  const auto& stopped = std::get<ev::daemon_stopped>(f.journal.back().body);
  CHECK(stopped.exit_code == f.code);
  CHECK_FALSE(stopped.clean);
  const auto& why = std::get<ev::error_raised>(f.journal[f.journal.size() - 2].body);
  CHECK(why.component == "startup");
  return why.message;
}

}  // namespace startup_failure_cases

using namespace startup_failure_cases;

TEST_CASE("a missing CA file says it does not exist, in the log and in the journal") {
  test::temp_dir dir;
  const auto f = start_with(dir, "missing.pem", account);
  CHECK(f.code == 2);
  const std::string expected = (dir / "missing.pem").string() + " does not exist";
  CHECK(f.stderr_text.find(expected) != std::string::npos);
  CHECK(f.stderr_text.find("asio.ssl") == std::string::npos);
  CHECK(journaled_reason(f).find(expected) != std::string::npos);
}

TEST_CASE("a CA file without a certificate, or a directory, says so") {
  test::temp_dir dir;
  std::ofstream(dir / "junk.pem") << "not a certificate\n";
  const auto junk = start_with(dir, "junk.pem", account);
  CHECK(junk.code == 2);
  CHECK(journaled_reason(junk).find("junk.pem holds no usable PEM certificate") !=
        std::string::npos);

  test::temp_dir other;
  std::filesystem::create_directory(other / "certs");
  const auto folder = start_with(other, "certs", account);
  CHECK(journaled_reason(folder).find("certs is a directory, not a file") != std::string::npos);
}

TEST_CASE("missing credentials are named, never shown, and the start is journaled as failed") {
  test::temp_dir dir;
  auto id = sim::make_self_signed_identity();
  REQUIRE(id.ok());
  std::ofstream(dir / "ca.pem") << id->certificate_pem;
  const auto f = start_with(dir, "ca.pem", {"STRIKE_PIN=1234"});
  CHECK(f.code == 2);
  const auto why = journaled_reason(f);
  CHECK(why.find("env:STRIKE_CLIENT_CODE is not set") != std::string::npos);
  CHECK(why.find("env:STRIKE_PIN") == std::string::npos);
  CHECK(why.find("1234") == std::string::npos);
}
