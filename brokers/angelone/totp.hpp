// RFC 6238 time-based one-time passwords as Angel One's login wants them: HMAC-SHA1, 30-second
// steps from the Unix epoch, 6 digits, from the base32 secret shown when TOTP is enabled.
// Computed with liboath. The secret and the codes are secrets: errors never include them.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "base/result.hpp"

namespace strike::brokers::angelone {

// The code for the 30-second step holding unix_seconds. The secret may be lower case, contain
// spaces and lack its '=' padding.
result<std::string> totp_code(std::string_view base32_secret, std::int64_t unix_seconds,
                              unsigned digits = 6);

// The same from raw secret bytes (the RFC test vectors use these).
result<std::string> totp_code_raw(std::string_view secret, std::int64_t unix_seconds,
                                  unsigned digits);

}  // namespace strike::brokers::angelone
