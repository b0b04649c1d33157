// Options still held at the close of their expiry day: the backtest's exchange settles them at
// their intrinsic value, with the exercise STT, and nothing stays open on them.
#include <doctest/doctest.h>

#include "backtest/exchange.hpp"
#include "tests/trading/engine_fixture.hpp"

using namespace strike;
namespace ev = strike::events;

namespace {

constexpr core::civil_date expiry_day{2026, 1, 6};  // the fixture's contracts expire on it

template <class T>
std::vector<T> after(test::engine_fixture& f, std::size_t skip) {
  std::vector<T> out;
  const auto all = f.events();
  for (std::size_t i = skip; i < all.size(); ++i)
    if (const auto* p = std::get_if<T>(&all[i].body)) out.push_back(*p);
  return out;
}

}  // namespace

TEST_CASE("a call held in the money at expiry is settled at its intrinsic value, with the STT") {
  test::engine_fixture f;
  backtest::exchange venue(*f.bus, f.state, f.clock, {}, {});
  venue.attach();
  f.calm_vix();
  f.open_position(10000);
  const std::int64_t qty = f.state.positions.at(test::option).qty;
  REQUIRE(qty > 0);
  const std::int64_t charges_before = f.state.positions.at(test::option).charges_paise;
  // An exit that is working at the exchange, its limit out of reach, when the market closes.
  f.engine->exit_position(test::option, "signal");
  const std::string exit_order = f.state.positions.at(test::option).exit_order;
  f.clock.advance_by(core::ns_per_s);
  venue.on_quote(test::option, {f.clock.now_ns(), 9000, 8995, 9000});
  REQUIRE(f.state.orders.at(exit_order).status == core::order_status::accepted);

  venue.settle_expiries({2026, 1, 5}, 26123'45);  // not its expiry: nothing happens
  const std::size_t before = f.events().size();
  CHECK(f.state.positions.at(test::option).qty == qty);

  venue.settle_expiries(expiry_day, 26123'45);
  CHECK(f.state.orders.at(exit_order).status == core::order_status::cancelled);
  CHECK(f.state.orders.at(exit_order).last_reason == "expired");
  const auto fills = after<ev::order_filled>(f, before);
  REQUIRE(fills.size() == 1);
  CHECK(fills[0].source == "settlement");
  CHECK(fills[0].qty == qty);
  CHECK(fills[0].price_paise == 123'45);  // NIFTY 26123.45 less the 26000 strike
  const std::int64_t stt = core::trading::apply_ppb(qty * 123'45, 1'250'000);
  CHECK(fills[0].charges_paise == stt);
  const auto triggered = after<ev::position_exit_triggered>(f, before);
  REQUIRE(triggered.size() == 1);
  CHECK(triggered[0].reason == "expiry");
  const auto closed = after<ev::position_closed>(f, before);
  REQUIRE(closed.size() == 1);
  CHECK(closed[0].exit_avg_paise == 123'45);
  CHECK(closed[0].gross_pnl_paise == (123'45 - 10000) * qty);
  CHECK(closed[0].charges_paise == charges_before + stt);
  CHECK(closed[0].net_pnl_paise == closed[0].gross_pnl_paise - closed[0].charges_paise);
  CHECK(f.state.positions.count(test::option) == 0);

  // Settled once: the day's close seen again changes nothing.
  const std::size_t settled = f.events().size();
  venue.settle_expiries(expiry_day, 26123'45);
  CHECK(f.events().size() == settled);
}

TEST_CASE("a put out of the money at expiry expires worthless and pays nothing more") {
  test::engine_fixture f;
  backtest::exchange venue(*f.bus, f.state, f.clock, {}, {});
  venue.attach();
  f.calm_vix();
  f.quote(test::option, 10000, 9995, 10000);
  auto put = f.intent();
  put.symbol = "NIFTY06JAN2626000PE";
  const auto key = f.engine->enter(put);
  REQUIRE(!key.empty());
  f.accept(key);
  f.fill(key, f.state.orders.at(key).qty, 10000);
  const auto& p = f.state.positions.at(test::option);
  const std::int64_t qty = p.qty, charges_before = p.charges_paise;
  const std::size_t before = f.events().size();

  venue.settle_expiries(expiry_day, 26123'45);
  const auto fills = after<ev::order_filled>(f, before);
  REQUIRE(fills.size() == 1);
  CHECK(fills[0].price_paise == 0);
  CHECK(fills[0].charges_paise == 0);
  const auto closed = after<ev::position_closed>(f, before);
  REQUIRE(closed.size() == 1);
  CHECK(closed[0].gross_pnl_paise == -10000 * qty);
  CHECK(closed[0].charges_paise == charges_before);
  CHECK(f.state.positions.count(test::option) == 0);
}
