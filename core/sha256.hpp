// SHA-256 digests (OpenSSL).
#pragma once

#include <string>
#include <string_view>

namespace strike::core {

// Lower-case hex digest of data.
std::string sha256_hex(std::string_view data);

}  // namespace strike::core
