#include <doctest/doctest.h>

#include "core/trading/risk.hpp"

using namespace strike;
using namespace strike::core::trading;

namespace {

core::state open_session() {
  core::state s;
  s.session.entry_window_open = true;
  s.lifecycle.self_test_passed = true;
  s.lifecycle.reconciled = true;
  return s;
}

entry_check entry(std::int64_t price = 10000) {
  return {"NFO:1", 65, price, events::side::buy, 13.0, 3, 10'00'000'00, 0};
}

}  // namespace

TEST_CASE("a clean entry is approved and sized by the VIX table") {
  const auto v = check_entry({}, {}, open_session(), entry());
  CHECK(v.approved);
  CHECK(v.lots == 2);  // VIX below 14, not expiry day
  CHECK(v.qty == 130);
}

TEST_CASE("each check refuses with its own name") {
  const risk_config c;
  auto refused = [&](core::state s, entry_check e = entry()) {
    return check_entry(c, {}, s, e).check;
  };

  auto s = open_session();
  s.risk.halted = true;
  s.risk.halt_reason = "kill_switch";
  CHECK(refused(s) == "halted");

  s = open_session();
  s.risk.vix_tripped = true;
  CHECK(refused(s) == "vix_breaker");

  s = open_session();
  s.risk.flatten_reason = "end_of_day";
  CHECK(refused(s) == "flattening");

  s = open_session();
  s.lifecycle.reconciled = false;
  CHECK(refused(s) == "reconciliation");

  s = open_session();
  s.session.entry_window_open = false;
  CHECK(refused(s) == "entry_window");

  s = open_session();
  s.lifecycle.self_test_passed = false;
  CHECK(refused(s) == "self_test");

  s = open_session();
  s.positions["NFO:9"].qty = 65;
  CHECK(refused(s) == "max_positions");

  s = open_session();
  s.today.realized_pnl_paise = -20'000'00;  // -2 % of ₹10 lakh
  CHECK(refused(s) == "daily_loss");

  s = open_session();
  auto e = entry();
  e.unrealized_paise = -20'000'00;  // the limit counts unrealized losses too
  CHECK(refused(s, e) == "daily_loss");

  s = open_session();
  s.today.consecutive_losses = 3;
  CHECK(refused(s) == "consecutive_losses");

  e = entry();
  e.vix = std::nan("");
  CHECK(refused(open_session(), e) == "sizing");

  e = entry(100'000'00);  // ₹1 lakh premium × 130 units
  CHECK(refused(open_session(), e) == "funds");
}

TEST_CASE("working entry orders count against the position limit") {
  auto s = open_session();
  core::order_record o;
  o.purpose = events::purpose::entry;
  o.status = core::order_status::accepted;
  s.orders["k"] = o;
  core::index_open_orders(s);
  CHECK(exposure_count(s) == 1);
  CHECK(check_entry({}, {}, s, entry()).check == "max_positions");
}

TEST_CASE("the sizing table picks the first matching row") {
  const auto table = default_sizing();
  CHECK(lots_for(table, 12.0, 0) == 1);  // expiry day
  CHECK(lots_for(table, 12.0, 3) == 2);
  CHECK(lots_for(table, 16.0, 3) == 1);
  CHECK(lots_for(table, 30.0, 3) == 1);
  CHECK(lots_for({{20.0, 1, 5, 1}}, 25.0, 3) == 0);
}
