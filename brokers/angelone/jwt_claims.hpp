// Reads the expiry claim of a JWT without verifying it. Angel One's JWT "exp" is not
// authoritative (sessions end at midnight IST whatever it says), so it is only ever used to
// bring the renewal earlier, never later.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace strike::brokers::angelone {

// The "exp" claim in UTC ns; nullopt when the token is not a JWT or has no numeric exp.
std::optional<std::int64_t> jwt_expiry_ns(std::string_view jwt);

}  // namespace strike::brokers::angelone
