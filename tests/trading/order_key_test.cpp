#include <doctest/doctest.h>

#include <set>

#include "core/trading/order_key.hpp"

using namespace strike::core::trading;
namespace ev = strike::events;

TEST_CASE("the same intent always hashes to the same 16-hex-digit key") {
  const intent_identity id{"trend", "NFO:58784", ev::side::buy, 65, ev::purpose::entry, "bullish", "bar-1"};
  const auto key = order_key(id);
  CHECK(key.size() == 16);
  CHECK(key.find_first_not_of("0123456789abcdef") == std::string::npos);
  CHECK(order_key(id) == key);
}

TEST_CASE("every field of the intent changes the key") {
  const intent_identity base{"trend", "NFO:58784", ev::side::buy, 65, ev::purpose::entry, "bullish", "bar-1"};
  std::set<std::string> keys{order_key(base)};
  auto vary = [&](auto change) {
    auto id = base;
    change(id);
    keys.insert(order_key(id));
  };
  vary([](auto& id) { id.strategy = "other"; });
  vary([](auto& id) { id.instrument = "NFO:58785"; });
  vary([](auto& id) { id.side = ev::side::sell; });
  vary([](auto& id) { id.qty = 130; });
  vary([](auto& id) { id.purpose = ev::purpose::exit; });
  vary([](auto& id) { id.reason = "bearish"; });
  vary([](auto& id) { id.basis = "bar-2"; });
  CHECK(keys.size() == 8);
}

TEST_CASE("field boundaries cannot be forged with the separator") {
  intent_identity a{"a|b", "c", ev::side::buy, 1, ev::purpose::entry, "", ""};
  intent_identity b{"a", "b|c", ev::side::buy, 1, ev::purpose::entry, "", ""};
  CHECK(canonical_form(a) != canonical_form(b));
  CHECK(order_key(a) != order_key(b));
}
