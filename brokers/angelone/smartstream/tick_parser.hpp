// Decodes one SmartStream binary frame into a market_tick: exactly the layout of
// tick_layout.hpp for the frame's mode, nothing read outside the frame, nothing allocated.
// A frame that is not a well-formed tick says why and leaves `out` unspecified.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>

#include "brokers/feeds.hpp"

namespace strike::brokers::angelone::smartstream {

enum class tick_error : std::uint8_t {
  none,
  empty,             // no bytes at all
  unknown_mode,      // byte 0 is not 1, 2 or 3
  too_short,         // fewer bytes than the mode's layout
  too_long,          // more bytes than the mode's layout
  unknown_exchange,  // byte 1 is not a segment code
  bad_token,         // empty, or not printable ASCII before its terminator
  bad_time,          // exchange time negative or beyond 2262
  bad_quantity,      // a float quantity that is negative, not finite or too large
};
std::string_view to_string(tick_error e);  // "too_short", ...

// The tick's token and exchange point into `frame` and static storage: `out` is usable while
// `frame` is.
tick_error parse_tick(std::span<const std::uint8_t> frame, market_tick& out);

// The frame's mode byte and token, read leniently for error reports: an empty token when the
// frame is too short to hold one or holds no printable token.
std::string_view peek_token(std::span<const std::uint8_t> frame);

}  // namespace strike::brokers::angelone::smartstream
