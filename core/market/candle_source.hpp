// The port through which the bar engine asks for historical candles to fill a gap. A broker
// client implements it (Angel One's getCandleData); tests implement it over a vector.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "core/market/bar.hpp"
#include "base/result.hpp"
#include "events/enums.hpp"

namespace strike::core::market {

struct candle_request {
  std::uint64_t id = 0;    // the requester's tag, handed back with the reply
  std::string instrument;  // "NSE:99926000"
  events::timeframe timeframe = events::timeframe::m1;
  std::int64_t from_ns = 0;  // first candle start wanted, inclusive
  std::int64_t to_ns = 0;    // last candle start wanted, inclusive
};

// The candles found (possibly none: a minute without trades has no candle), or why there are
// none. The receiver validates every candle, so a source may pass on what the broker sent.
using candle_reply = result<std::vector<bar>>;

class candle_source {
 public:
  virtual ~candle_source() = default;

  // Asks for r's candles. `deliver` must be called exactly once, on the reactor thread, with
  // the reply; it may be called before request_candles returns. A source that cannot answer
  // delivers an error rather than never calling. Open interest may be 0 when the source has
  // none.
  virtual void request_candles(const candle_request& r,
                               std::function<void(candle_reply)> deliver) = 0;
};

}  // namespace strike::core::market
