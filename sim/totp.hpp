// RFC 6238 TOTP as SmartAPI uses it: HMAC-SHA1, 30-second steps from the Unix epoch, 6 digits,
// computed with liboath from a base32 secret (upper case, '=' padding optional).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "base/result.hpp"

namespace strike::sim {

// The code for the step containing unix_seconds.
result<std::string> totp_code(std::string_view base32_secret, std::int64_t unix_seconds);

// Whether code matches the step of unix_seconds or one step either side (clock skew).
bool totp_matches(std::string_view base32_secret, std::string_view code, std::int64_t unix_seconds);

}  // namespace strike::sim
