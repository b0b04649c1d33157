// libFuzzer target: any bytes as one SmartStream binary frame. The parser must refuse what is
// not a tick without reading outside the frame (ASan) or undefined behaviour (UBSan); what it
// accepts goes through the duplicate filter as a live tick would.
#include <cstdint>
#include <string>
#include <vector>

#include "brokers/angelone/smartstream/subscriptions.hpp"
#include "brokers/angelone/smartstream/tick_parser.hpp"

using namespace strike::brokers;
using namespace strike::brokers::angelone::smartstream;

namespace {

subscriptions& subscribed() {
  static subscriptions s = [] {
    subscriptions out;
    std::vector<std::string> messages;
    const std::vector<std::string> list{"NSE:99926000", "NFO:58784", "NFO:40012", "MCX:1", "CDS:7"};
    (void)out.add(list, feed_mode::quote, messages);
    return out;
  }();
  return s;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  // A copy of exactly `size` bytes on the heap, so a read past the frame is an ASan error.
  const std::vector<std::uint8_t> frame(data, data + size);
  market_tick tick;
  const auto error = parse_tick(frame, tick);
  (void)peek_token(frame);
  (void)to_string(error);
  if (error == tick_error::none) {
    // Touch every field read (wrapping sums: the values are arbitrary).
    volatile std::uint64_t sum = static_cast<std::uint64_t>(tick.ltp) + static_cast<std::uint64_t>(tick.volume) +
                                 static_cast<std::uint64_t>(tick.oi) + static_cast<std::uint64_t>(tick.bids[4].price_paise) +
                                 static_cast<std::uint64_t>(tick.asks[4].qty) + static_cast<std::uint64_t>(tick.low_52w);
    (void)sum;
    (void)subscribed().admit(tick);
    (void)subscribed().instrument_of(tick.exchange_type, tick.token);
  }
  return 0;
}
