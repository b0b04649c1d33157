// Orders, books, positions and funds of the Angel One client against the simulator.
#include <doctest/doctest.h>

#include <set>

#include "brokers/broker_error.hpp"
#include "tests/brokers/sim_harness.hpp"

using namespace strike;
using namespace strike::test;
using brokers::order_state;
using events::failure_kind;

namespace {

// NIFTY 13 Jan 2026 26000 CE, found through the client's own instrument master.
brokers::order_request nifty_call(sim_harness& h, events::order_type type, std::int64_t price_paise,
                                  const std::string& tag) {
  auto index = h.run(h.client->instruments());
  REQUIRE_MESSAGE(index.ok(), (index.ok() ? "" : index.error().message));
  const auto* option =
      (*index)->find_option("NIFTY", {2026, 1, 13}, 2'600'000, brokers::option_right::call);
  REQUIRE(option != nullptr);
  brokers::order_request r;
  r.instrument = option->id();
  r.symbol = option->symbol;
  r.side = events::side::buy;
  r.type = type;
  r.product = brokers::product::carryforward;
  r.qty = option->lot_size;
  r.price_paise = price_paise;
  r.tag = tag;
  return r;
}

// The JSON body of the simulator's last logged request to endpoint.
std::string last_body(sim_harness& h, const std::string& endpoint) {
  auto reply = h.admin("GET", "/admin/requests");
  simdjson::dom::parser p;
  simdjson::dom::array requests;
  REQUIRE(p.parse(reply.body).at_pointer("/requests").get(requests) == simdjson::SUCCESS);
  std::string body;
  for (simdjson::dom::element r : requests) {
    std::string_view name, text;
    if (r.at_pointer("/endpoint").get(name) == simdjson::SUCCESS && name == endpoint &&
        r.at_pointer("/body").get(text) == simdjson::SUCCESS)
      body = std::string(text);
  }
  return body;
}

// Reads the order book into done: the size of the book, or -1 when it could not be read.
boost::asio::awaitable<void> read_book_into(brokers::angelone::client& c,
                                            brokers::one_shot<int>& done) {
  auto book = co_await c.order_book();
  done.set(book.ok() ? static_cast<int>(book->size()) : -1);
}

// Asks for the order book `readers` times at once, a tag look-up among them; the sizes seen.
boost::asio::awaitable<std::vector<int>> read_book_together(sim_harness& h, int readers) {
  std::vector<std::unique_ptr<brokers::one_shot<int>>> done;
  for (int i = 0; i < readers; ++i) {
    done.push_back(std::make_unique<brokers::one_shot<int>>(h.io.get_executor()));
    boost::asio::co_spawn(h.io, read_book_into(*h.client, *done.back()), boost::asio::detached);
  }
  auto found = co_await h.client->find_order_by_tag("share-1");
  std::vector<int> sizes{found.ok() && found->has_value() ? 1 : -1};
  for (auto& d : done) sizes.push_back(co_await d->wait());
  co_return sizes;
}

// A read is started, an order placed while it runs, and the book read again: both sizes.
boost::asio::awaitable<std::pair<int, int>> read_during_place(sim_harness& h,
                                                              brokers::order_request order) {
  brokers::one_shot<int> first(h.io.get_executor());
  boost::asio::co_spawn(h.io, read_book_into(*h.client, first), boost::asio::detached);
  auto placed = co_await h.client->place_order(std::move(order));
  auto book = co_await h.client->order_book();
  const int size_then = co_await first.wait();
  co_return std::pair{size_then, placed.ok() && book.ok() ? static_cast<int>(book->size()) : -1};
}

}  // namespace

TEST_CASE("A limit order is placed, seen in the book, modified and cancelled") {
  sim_harness h;
  auto order =
      nifty_call(h, events::order_type::limit, 5, "limit-1");  // far below the market: rests
  auto ack = h.run(h.client->place_order(order));
  REQUIRE_MESSAGE(ack.ok(), (ack.ok() ? "" : ack.error().message));
  CHECK(ack->broker_id.size() == 15);
  CHECK_FALSE(ack->unique_id.empty());
  CHECK(ack->attempts == 1);
  CHECK_FALSE(ack->recovered);

  auto book = h.run(h.client->order_book());
  REQUIRE(book.ok());
  REQUIRE(book->size() == 1);
  const auto& row = (*book)[0];
  CHECK(row.broker_id == ack->broker_id);
  CHECK(row.tag == "limit-1");
  CHECK(row.instrument == order.instrument);
  CHECK(row.state == order_state::open);
  CHECK(row.qty == order.qty);
  CHECK(row.price_paise == 5);

  brokers::modify_request m;
  m.broker_id = ack->broker_id;
  m.instrument = order.instrument;
  m.symbol = order.symbol;
  m.qty = order.qty;
  m.price_paise = 10;
  auto modified = h.run(h.client->modify_order(m));
  REQUIRE_MESSAGE(modified.ok(), (modified.ok() ? "" : modified.error().message));
  auto status = h.run(h.client->order_status(ack->broker_id));
  REQUIRE(status.ok());
  CHECK(status->price_paise == 10);
  CHECK(status->state == order_state::open);

  auto cancelled = h.run(h.client->cancel_order({ack->broker_id, events::order_type::limit}));
  REQUIRE(cancelled.ok());
  auto after = h.run(h.client->order_status(ack->broker_id));
  REQUIRE(after.ok());
  CHECK(after->state == order_state::cancelled);
}

TEST_CASE("Order bodies carry the official SDK fields, every value a string") {
  sim_harness h;
  auto order = nifty_call(h, events::order_type::limit, 5, "fields-1");
  REQUIRE(h.run(h.client->place_order(order)).ok());
  const auto body = last_body(h, "placeOrder");
  simdjson::dom::parser p;
  simdjson::dom::object o;
  REQUIRE(p.parse(body).get(o) == simdjson::SUCCESS);
  std::set<std::string> keys;
  for (auto [key, value] : o) {
    keys.emplace(key);
    CHECK_MESSAGE(value.is_string(), key);
  }
  const std::set<std::string> sdk{"variety",  "tradingsymbol", "symboltoken", "transactiontype",
                                  "exchange", "ordertype",     "producttype", "duration",
                                  "price",    "triggerprice",  "quantity",    "squareoff",
                                  "stoploss", "ordertag"};
  CHECK(keys == sdk);
  CHECK(std::string_view(o["price"]) == "0.05");
  CHECK(std::string_view(o["quantity"]) == std::to_string(order.qty));

  // Every Angel One header reached the simulator.
  auto reply = h.admin("GET", "/admin/requests");
  simdjson::dom::parser q;
  simdjson::dom::array requests;
  REQUIRE(q.parse(reply.body).at_pointer("/requests").get(requests) == simdjson::SUCCESS);
  std::set<std::string> headers;
  for (simdjson::dom::element r : requests) {
    std::string_view name;
    if (r.at_pointer("/endpoint").get(name) != simdjson::SUCCESS || name != "placeOrder") continue;
    simdjson::dom::array names;
    REQUIRE(r.at_pointer("/header_names").get(names) == simdjson::SUCCESS);
    for (simdjson::dom::element n : names) headers.emplace(std::string_view(n));
  }
  for (const char* needed :
       {"Content-Type", "Accept", "X-UserType", "X-SourceID", "X-ClientLocalIP", "X-ClientPublicIP",
        "X-MACAddress", "X-PrivateKey", "Authorization"})
    CHECK_MESSAGE(headers.count(needed) == 1, needed);
}

TEST_CASE("An order prepared ahead goes out with the body it would have been given when placed") {
  sim_harness h;
  auto plain = nifty_call(h, events::order_type::limit, 5, "prepared-1");
  REQUIRE(h.run(h.client->place_order(plain)).ok());
  const auto plain_body = last_body(h, "placeOrder");

  auto prepared = nifty_call(h, events::order_type::limit, 5, "prepared-1");
  h.client->prepare_order(prepared);
  CHECK(prepared.encoded == plain_body);
  auto ack = h.run(h.client->place_order(prepared));
  REQUIRE_MESSAGE(ack.ok(), (ack.ok() ? "" : ack.error().message));
  CHECK(last_body(h, "placeOrder") == plain_body);

  // Only the encoding goes out: what was prepared is what the broker gets.
  auto other = nifty_call(h, events::order_type::limit, 5, "prepared-2");
  h.client->prepare_order(other);
  other.price_paise = 10;
  REQUIRE(h.run(h.client->place_order(other)).ok());
  auto book = h.run(h.client->order_book());
  REQUIRE(book.ok());
  bool found = false;
  for (const auto& row : *book) {
    if (row.tag != "prepared-2") continue;
    found = true;
    CHECK(row.price_paise == 5);
  }
  CHECK(found);
}

TEST_CASE("A market order fills: trade book, positions and funds show it") {
  sim_harness h;
  auto funds_before = h.run(h.client->funds());
  REQUIRE(funds_before.ok());
  auto order = nifty_call(h, events::order_type::market, 0, "market-1");
  auto ack = h.run(h.client->place_order(order));
  REQUIRE(ack.ok());
  h.market.advance_by(2 * core::ns_per_s);
  h.real.advance_by(2 * core::ns_per_s);

  auto status = h.run(h.client->order_status(ack->broker_id));
  REQUIRE(status.ok());
  CHECK(status->state == order_state::complete);
  CHECK(status->filled_qty == order.qty);
  CHECK(status->avg_price_paise > 0);

  auto trades = h.run(h.client->trade_book());
  REQUIRE(trades.ok());
  REQUIRE(trades->size() == 1);
  CHECK((*trades)[0].broker_id == ack->broker_id);
  CHECK((*trades)[0].qty == order.qty);
  CHECK((*trades)[0].price_paise == status->avg_price_paise);
  CHECK((*trades)[0].fill_ns > 0);

  auto positions = h.run(h.client->positions());
  REQUIRE(positions.ok());
  REQUIRE(positions->size() == 1);
  CHECK((*positions)[0].instrument == order.instrument);
  CHECK((*positions)[0].net_qty == order.qty);

  auto funds_after = h.run(h.client->funds());
  REQUIRE(funds_after.ok());
  CHECK(funds_after->available_cash_paise < funds_before->available_cash_paise);
}

TEST_CASE("Empty books read as empty lists") {
  sim_harness h;
  auto book = h.run(h.client->order_book());
  REQUIRE(book.ok());
  CHECK(book->empty());
  auto trades = h.run(h.client->trade_book());
  REQUIRE(trades.ok());
  CHECK(trades->empty());
  auto positions = h.run(h.client->positions());
  REQUIRE(positions.ok());
  CHECK(positions->empty());
}

TEST_CASE("An order is found by its tag, and a tag nobody used finds nothing") {
  sim_harness h;
  auto order =
      nifty_call(h, events::order_type::limit, 5, std::string(64, 'c'));  // a digest-long key
  auto ack = h.run(h.client->place_order(order));
  REQUIRE(ack.ok());
  auto found = h.run(h.client->find_order_by_tag(order.tag));
  REQUIRE(found.ok());
  REQUIRE(found->has_value());
  CHECK((*found)->broker_id == ack->broker_id);
  CHECK((*found)->tag == std::string(19, 'c'));
  auto missing = h.run(h.client->find_order_by_tag("nobody-used-this"));
  REQUIRE(missing.ok());
  CHECK_FALSE(missing->has_value());
}

TEST_CASE(
    "Order-book reads asked for at once share the rate-limited requests, and each sees a book "
    "read after it asked") {
  sim_harness h;
  REQUIRE(
      h.run(h.client->place_order(nifty_call(h, events::order_type::limit, 5, "share-1"))).ok());
  const auto before = h.request_outcomes("getOrderBook").size();
  const auto sizes = h.run(read_book_together(h, 6));
  CHECK(sizes == std::vector<int>{1, 1, 1, 1, 1, 1, 1});
  // Seven questions, at one read a second: one read on the wire and the rest sharing the next.
  const auto reads = h.request_outcomes("getOrderBook");
  CHECK(reads.size() - before <= 2);
  for (const auto& outcome : reads) CHECK(outcome == "ok");
  // A question asked while a read is on the wire is not answered by it: an order placed
  // meanwhile is in the book the later question gets.
  const auto later =
      h.run(read_during_place(h, nifty_call(h, events::order_type::limit, 5, "share-2")));
  CHECK((later.first == 1 || later.first == 2));
  CHECK(later.second == 2);
}

TEST_CASE("A rejected order is a rejected error with the broker's code") {
  sim_harness h;
  auto order = nifty_call(h, events::order_type::limit, 5, "bad");
  order.symbol = "NOT-THE-SYMBOL";
  auto ack = h.run(h.client->place_order(order));
  REQUIRE_FALSE(ack.ok());
  CHECK(brokers::failure_of(ack.error()) == failure_kind::rejected);
  CHECK_FALSE(brokers::outcome_unknown(ack.error()));
  CHECK(ack.error().message.find("AB1009") != std::string::npos);
  CHECK(h.orders_tagged("bad") == 0);
}
