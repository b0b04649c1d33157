// The simulator's own books, read from its admin endpoint, and the checks that hold the
// daemon's journal to them after an end-to-end run.
#pragma once

#include <set>
#include <sstream>

#include "core/ist.hpp"
#include "core/positions.hpp"
#include "events/codec.hpp"
#include "tests/e2e/e2e_fixture.hpp"

namespace strike::test {

// The simulator's view of SIM001: every order it ever accepted (tag, id, filled qty) and the
// net position per instrument token.
struct sim_books {
  std::multiset<std::string> tags;
  std::map<std::string, std::int64_t> filled_by_id;
  std::map<std::string, std::int64_t> net_by_token;
};

inline std::int64_t number_of(simdjson::dom::element e) {
  std::string_view text;
  if (e.get_string().get(text) == simdjson::SUCCESS) return std::stoll(std::string(text));
  std::int64_t v = 0;
  if (e.get_int64().get(v) != simdjson::SUCCESS) return 0;
  return v;
}

// Calls fn with every order-book row the simulator ever accepted (its admin view, all clients).
template <class Fn>
void for_each_sim_order(const test::e2e_fixture& f, Fn&& fn) {
  simdjson::dom::parser parser;
  const auto orders = f.admin("GET", "/admin/orders");
  REQUIRE(orders.status == 200);
  for (auto row : simdjson::dom::array(parser.parse(orders.body))) fn(row["order"]);
}

inline sim_books books_of(const test::e2e_fixture& f) {
  sim_books b;
  for_each_sim_order(f, [&b](simdjson::dom::element o) {
    b.tags.insert(std::string(std::string_view(o["ordertag"])));
    b.filled_by_id[std::string(std::string_view(o["orderid"]))] = number_of(o["filledshares"]);
  });
  simdjson::dom::parser parser;
  const auto positions = f.admin("GET", "/admin/positions");
  REQUIRE(positions.status == 200);
  for (auto row : simdjson::dom::array(parser.parse(positions.body))) {
    auto p = row["position"];
    b.net_by_token[std::string(std::string_view(p["symboltoken"]))] += number_of(p["netqty"]);
  }
  return b;
}

// The daemon's journal and the simulator's books agree on every order and position, and the
// simulator never saw one of our tags twice.
inline void check_agreement(const test::e2e_fixture& f) {
  const auto books = books_of(f);
  for (const auto& tag : books.tags) {
    CAPTURE(tag);
    CHECK(books.tags.count(tag) == 1);
  }
  const auto state = f.replayed();
  for (const auto& [key, o] : state.orders) {
    if (o.broker_id.empty() || o.broker_id == "reconcile") continue;
    CAPTURE(key);
    REQUIRE(books.filled_by_id.count(o.broker_id) == 1);
    CHECK(books.filled_by_id.at(o.broker_id) == o.filled_qty);
    CHECK(books.tags.count(key) == 1);
  }
  // The broker nets the instances' positions in a contract.
  for (const auto& [token, qty] : books.net_by_token) {
    CAPTURE(token);
    CHECK(core::net_qty(state, "NFO:" + token) == qty);
  }
}

// Rupees as the simulator writes them ("-1234.50") in paise, exactly.
inline std::int64_t paise_of(std::string_view rupees) {
  const bool negative = !rupees.empty() && rupees.front() == '-';
  if (negative) rupees.remove_prefix(1);
  const auto dot = rupees.find('.');
  std::int64_t whole = std::stoll(std::string(rupees.substr(0, dot)));
  std::int64_t frac = 0;
  if (dot != std::string_view::npos) {
    std::string f(rupees.substr(dot + 1));
    f.resize(2, '0');
    frac = std::stoll(f);
  }
  const std::int64_t v = whole * 100 + frac;
  return negative ? -v : v;
}

// What SIM001's trading did to its cash at the simulator: sells less buys, in paise.
inline std::int64_t sim_cash_flow(const e2e_fixture& f) {
  simdjson::dom::parser parser;
  const auto positions = f.admin("GET", "/admin/positions");
  REQUIRE(positions.status == 200);
  std::int64_t flow = 0;
  for (auto row : simdjson::dom::array(parser.parse(positions.body)))
    flow += paise_of(std::string_view(row["position"]["netvalue"]));
  return flow;
}

// Orders still working at the simulator (open, waiting for a trigger, or queued for the next open).
inline int sim_working_orders(const e2e_fixture& f) {
  int n = 0;
  for_each_sim_order(f, [&n](simdjson::dom::element o) {
    const std::string_view status = o["status"];
    n += status == "open" || status == "trigger pending" ||
         status == "after market order req received" || status == "open pending" ||
         status == "validation pending";
  });
  return n;
}

// What a run did, for a failing check's message: how many events of each type, and every line
// that stops or holds back trading (halts, risk refusals, errors, failed self-tests, breakers).
inline std::string journal_summary(const e2e_fixture& f) {
  std::map<std::string, int> count;
  std::string notable;
  for (const auto& e : f.journal()) {
    const std::string type(e.type_name());
    ++count[type];
    const auto* self_test = std::get_if<events::self_test_completed>(&e.body);
    const bool stops = type == "TradingHalted" || type == "RiskRejected" || type == "ErrorRaised" ||
                       type == "BrokerBreakerChanged" || type == "OrderRejected" ||
                       type == "PositionOpened" || type == "PositionClosed" ||
                       type == "FlattenCompleted" || (self_test && !self_test->passed);
    if (!stops || notable.size() >= 8000) continue;
    std::string line;
    events::encode(e, line);
    notable += line.substr(0, 400) + "\n";
  }
  std::string out;
  for (const auto& [type, n] : count) out += type + "=" + std::to_string(n) + " ";
  return out + "\n" + notable;
}

// The invariants of a run that ended flat, against the simulator's books: every position had a
// stop, none was a short born of a long, every one was closed, nothing is held or working at the
// broker, and the day's P&L is the broker's cash flow less the charges the journal recorded.
inline void check_flat_run(const e2e_fixture& f) {
  check_agreement(f);
  const auto events = f.journal();
  std::set<std::string> opened, closed;
  for (const auto& e : events) {
    if (const auto* o = std::get_if<events::position_opened>(&e.body)) {
      CAPTURE(e.env.seq);
      CHECK(o->qty > 0);         // long options only: a short would be an exit sold twice
      CHECK(o->stop_paise > 0);  // every position is protected
      CHECK(opened.insert(e.env.key).second);
    }
    if (std::holds_alternative<events::position_closed>(e.body))
      CHECK(closed.insert(e.env.key).second);
  }
  CHECK(opened.size() == closed.size());
  const auto state = f.replayed();
  CHECK(state.positions.empty());
  for (const auto& [token, qty] : books_of(f).net_by_token) {
    CAPTURE(token);
    CHECK(qty == 0);
  }
  CHECK(sim_working_orders(f) == 0);
  std::int64_t charges = 0, net = 0, net_today = 0;
  for (const auto& e : events)
    if (const auto* c = std::get_if<events::position_closed>(&e.body)) {
      charges += c->charges_paise;
      net += c->net_pnl_paise;
      if (core::format_date(core::ist_date(e.env.ts)) == state.today.date)
        net_today += c->net_pnl_paise;
    }
  CHECK(net == sim_cash_flow(f) - charges);
  // The state's day is the run's last: on a run of one day, the whole run.
  CHECK(state.today.realized_pnl_paise == net_today);
}

}  // namespace strike::test
