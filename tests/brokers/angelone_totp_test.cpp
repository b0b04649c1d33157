#include <doctest/doctest.h>

#include "brokers/angelone/totp.hpp"

using namespace strike::brokers::angelone;

namespace {
// RFC 6238 appendix B: the SHA-1 secret "12345678901234567890", in base32.
constexpr const char* rfc_secret_base32 = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";
}

TEST_CASE("TOTP matches the RFC 6238 SHA-1 test vectors") {
  CHECK(*totp_code_raw("12345678901234567890", 59, 8) == "94287082");
  CHECK(*totp_code_raw("12345678901234567890", 1111111109, 8) == "07081804");
  CHECK(*totp_code_raw("12345678901234567890", 1234567890, 8) == "89005924");
  CHECK(*totp_code_raw("12345678901234567890", 20000000000, 8) == "65353130");
}

TEST_CASE("TOTP from the base32 secret gives the six-digit code Angel One expects") {
  CHECK(*totp_code(rfc_secret_base32, 59) == "287082");
  CHECK(*totp_code(rfc_secret_base32, 1111111109) == "081804");
}

TEST_CASE("TOTP accepts lower case, spaces and missing padding in the secret") {
  CHECK(*totp_code("gezd gnbv gy3t qojq gezd gnbv gy3t qojq", 59) == "287082");
  // 16 bytes of secret: base32 without its padding.
  CHECK(totp_code("JBSWY3DPEHPK3PXP", 59).ok());
}

TEST_CASE("Codes change every 30 seconds and are stable within a step") {
  CHECK(*totp_code(rfc_secret_base32, 60) == *totp_code(rfc_secret_base32, 89));
  CHECK(*totp_code(rfc_secret_base32, 59) != *totp_code(rfc_secret_base32, 60));
}

TEST_CASE("A secret that is not base32 is an error that does not repeat the secret") {
  const auto r = totp_code("NOT*BASE32!SECRET", 59);
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().message.find("NOT*BASE32") == std::string::npos);
  CHECK_FALSE(totp_code("", 59).ok());
}
