// Orders placed, cancelled and looked up through the simulator's REST API, for the tests of the
// order-path faults. One option throughout: NIFTY 26000 CE of 13 Jan 2026 (lot 65), listed on
// the fixture's start day.
#pragma once

#include <simdjson.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tests/sim/sim_fixture.hpp"

namespace strike::test {

inline constexpr const char* option_symbol = "NIFTY13JAN2626000CE";
inline constexpr const char* option_token = "40123";
inline constexpr int option_lot = 65;

struct order_spec {
  std::string side = "BUY";
  std::string type = "MARKET";
  std::string price = "0";    // rupees, as the API takes it
  std::string trigger = "0";  // rupees; STOPLOSS_* orders go as variety STOPLOSS
  int lots = 1;
  std::string tag;
};

std::string order_json(const order_spec& s);

// Places s and returns the reply (the caller checks it).
http_reply place_order(sim_client& c, const order_spec& s);
// Places s, requires an accepted reply and returns its orderid.
std::string place_accepted(sim_fixture& f, sim_client& c, const order_spec& s);
http_reply cancel_order(sim_client& c, const std::string& orderid);

// The client's order-book row of orderid, if the book shows it.
std::optional<simdjson::dom::element> book_row(sim_fixture& f, sim_client& c,
                                               std::string_view orderid);
// The client's trade-book rows of orderid, in fill order.
std::vector<simdjson::dom::element> trade_rows(sim_fixture& f, sim_client& c,
                                               std::string_view orderid);
// The simulator's own view (admin): every order and fill, whatever the books show clients.
std::optional<simdjson::dom::element> admin_order(sim_fixture& f, std::string_view orderid);
std::vector<simdjson::dom::element> admin_trades(sim_fixture& f, std::string_view orderid);

// Sets fault knobs through the admin endpoint; requires them accepted.
void set_faults(sim_fixture& f, const std::string& json);

std::string text_of(simdjson::dom::element e);
// A quantity field (a string in every row) as a number.
std::int64_t quantity_of(simdjson::dom::element e);
// A trade-book price (a string of rupees) in paise.
std::int64_t paise_of(simdjson::dom::element e);

}  // namespace strike::test
