#include <doctest/doctest.h>

#include "brokers/paper/paper_book.hpp"

using namespace strike;
using namespace strike::brokers;
using strike::brokers::paper::paper_book;
namespace ev = strike::events;

namespace {

order_request limit_buy(std::int64_t price, std::string tag = "t1") {
  order_request r;
  r.instrument = "NFO:1";
  r.symbol = "SYM";
  r.side = ev::side::buy;
  r.type = ev::order_type::limit;
  r.qty = 65;
  r.price_paise = price;
  r.tag = std::move(tag);
  return r;
}

}  // namespace

TEST_CASE("a resting limit buy fills at its price once the market trades through it") {
  core::virtual_clock clock{1};
  paper_book book(clock, {});
  book.on_quote("NFO:1", {1, 10050, 10045, 10055});
  auto placed = book.place(limit_buy(10000));
  REQUIRE(placed.ok());
  CHECK(placed->state == order_state::open);
  book.on_quote("NFO:1", {2, 10000, 9995, 10005});  // trades at the limit: not through it
  CHECK(book.take_fills().empty());
  book.on_quote("NFO:1", {3, 9995, 9990, 10000});   // the ask reaches the limit
  const auto fills = book.take_fills();
  REQUIRE(fills.size() == 1);
  CHECK(fills[0].trade.price_paise == 10000);
  CHECK(fills[0].trade.qty == 65);
  CHECK(fills[0].order.state == order_state::complete);
}

TEST_CASE("a marketable limit fills at once at the touch, never worse than its price") {
  core::virtual_clock clock{1};
  paper_book book(clock, {});
  book.on_quote("NFO:1", {1, 10000, 9995, 10005});
  REQUIRE(book.place(limit_buy(10100)).ok());
  const auto fills = book.take_fills();
  REQUIRE(fills.size() == 1);
  CHECK(fills[0].trade.price_paise == 10005);
}

TEST_CASE("a market order fills at the touch plus slippage, rounded against us") {
  core::virtual_clock clock{1};
  paper_book book(clock, {.slippage_bps = 50, .tick_paise = 5});
  book.on_quote("NFO:1", {1, 10000, 9995, 10005});
  auto r = limit_buy(0);
  r.type = ev::order_type::market;
  REQUIRE(book.place(r).ok());
  auto fills = book.take_fills();
  REQUIRE(fills.size() == 1);
  CHECK(fills[0].trade.price_paise == 10060);  // 10005 + 0.5 % = 10055.03 -> 10060
  r.side = ev::side::sell;
  r.tag = "t2";
  REQUIRE(book.place(r).ok());
  fills = book.take_fills();
  CHECK(fills[0].trade.price_paise == 9945);  // 9995 - 49.98 = 9945.02 -> 9945
}

TEST_CASE("a market order without any price is rejected") {
  core::virtual_clock clock{1};
  paper_book book(clock, {});
  auto r = limit_buy(0);
  r.type = ev::order_type::market;
  auto placed = book.place(r);
  REQUIRE(placed.ok());
  CHECK(placed->state == order_state::rejected);
}

TEST_CASE("a stop-loss-market sell triggers on the last price") {
  core::virtual_clock clock{1};
  paper_book book(clock, {.slippage_bps = 0, .tick_paise = 5});
  book.on_quote("NFO:1", {1, 10000, 9995, 10005});
  auto r = limit_buy(0);
  r.side = ev::side::sell;
  r.type = ev::order_type::stop_market;
  r.trigger_paise = 9000;
  auto placed = book.place(r);
  CHECK(placed->state == order_state::trigger_pending);
  book.on_quote("NFO:1", {2, 9005, 9000, 9010});
  CHECK(book.take_fills().empty());
  book.on_quote("NFO:1", {3, 8990, 8985, 8995});
  const auto fills = book.take_fills();
  REQUIRE(fills.size() == 1);
  CHECK(fills[0].trade.price_paise == 8985);
}

TEST_CASE("modify and cancel work on open orders only, and tags are unique") {
  core::virtual_clock clock{1};
  paper_book book(clock, {});
  book.on_quote("NFO:1", {1, 10050, 10045, 10055});
  auto placed = book.place(limit_buy(10000));
  CHECK_FALSE(book.place(limit_buy(10000)).ok());  // same tag
  modify_request m{placed->broker_id, "NFO:1", "SYM", ev::order_type::limit};
  m.qty = 65;
  m.price_paise = 10055;
  REQUIRE(book.modify(m).ok());
  REQUIRE(book.take_fills().size() == 1);  // now marketable
  CHECK_FALSE(book.cancel({placed->broker_id, ev::order_type::limit}).ok());
  CHECK(book.find_by_tag("t1")->state == order_state::complete);
  CHECK(book.positions().at(0).net_qty == 65);
}
