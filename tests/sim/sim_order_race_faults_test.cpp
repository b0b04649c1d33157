// The fault knobs that drive order-path races on demand, each against a real simulator over
// TLS: what the books, the replies and the order-update feed show.
#include <doctest/doctest.h>

#include "tests/sim/order_calls.hpp"

using namespace strike;
using namespace strike::test;

TEST_CASE("sim reject_sell_next rejects the next sell at once while buys go through") {
  sim_fixture f;
  auto c = f.api();
  f.login(c);
  set_faults(f, R"({"reject_sell_next":1})");
  const auto buy = place_accepted(f, c, {.side = "BUY", .lots = 2, .tag = "buy"});
  const auto sell = place_accepted(f, c, {.side = "SELL", .tag = "exit1"});
  const auto again = place_accepted(f, c, {.side = "SELL", .tag = "exit2"});
  CHECK(text_of((*book_row(f, c, buy))["status"]) == "complete");
  auto rejected = *book_row(f, c, sell);
  CHECK(text_of(rejected["status"]) == "rejected");
  CHECK(text_of(rejected["text"]).find("fault injection") != std::string::npos);
  CHECK(trade_rows(f, c, sell).empty());
  CHECK(text_of((*book_row(f, c, again))["status"]) == "complete");
}

TEST_CASE("sim reject_sell_rate 1 rejects every sell and no buy") {
  sim_fixture f;
  auto c = f.api();
  f.login(c);
  set_faults(f, R"({"reject_sell_rate":1})");
  for (int i = 0; i < 3; ++i) {
    const auto buy = place_accepted(f, c, {.side = "BUY", .tag = "b"});
    const auto sell = place_accepted(f, c, {.side = "SELL", .tag = "s"});
    CHECK(text_of((*book_row(f, c, buy))["status"]) == "complete");
    CHECK(text_of((*book_row(f, c, sell))["status"]) == "rejected");
  }
}
