// libFuzzer target: any bytes as one order-update text message. The reader must refuse what is
// not an update without crashing or undefined behaviour; what it accepts goes through the fill
// tracker as a live update would (derived fill sizes and prices included).
#include <simdjson.h>

#include <cstdint>
#include <optional>
#include <string>

#include "brokers/angelone/order_feed/fill_tracker.hpp"
#include "brokers/angelone/order_feed/order_update_parser.hpp"

using namespace strike::brokers;
using namespace strike::brokers::angelone;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static simdjson::dom::parser parser;
  static fill_tracker tracker({}, 64);
  const std::string text(reinterpret_cast<const char*>(data), size);
  auto update = parse_order_update(parser, text);
  if (update && update->has_order) {
    std::optional<trade_info> fill;
    (void)tracker.on_update(*update, fill);
    // Twice: the second must be a repeat.
    if (tracker.on_update(*update, fill) != fill_tracker::verdict::repeat) __builtin_trap();
    if (size % 7 == 0) tracker.reset();
  }
  return 0;
}
