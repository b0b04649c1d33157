// For random trading sessions driven through the engine, replaying the journal reproduces the
// live state exactly, and the P&L agrees with an independent calculation over the fills.
#include <doctest/doctest.h>

#include <map>
#include <random>

#include "core/state_codec.hpp"
#include "daemon/recovery.hpp"
#include "storage/snapshot.hpp"
#include "tests/trading/engine_fixture.hpp"

using namespace strike;
namespace ev = strike::events;

namespace {

std::string encoded(const core::state& s) {
  std::string out;
  core::encode_state(s, out);
  return out;
}

// Gross realized P&L from fills alone, average-cost, written independently of the fold.
std::int64_t realized_from_fills(const std::vector<ev::event>& events) {
  std::map<std::string, std::pair<std::string, ev::side>> orders;  // key -> instrument, side
  struct book {
    std::int64_t qty = 0;
    std::int64_t cost = 0;
  };
  std::map<std::string, book> books;
  std::int64_t realized = 0;
  for (const auto& e : events) {
    if (const auto* i = std::get_if<ev::order_intent>(&e.body)) orders[i->order] = {i->instrument, i->side};
    const auto* f = std::get_if<ev::order_filled>(&e.body);
    if (!f) continue;
    const auto& [instrument, side] = orders.at(f->order);
    auto& b = books[instrument];
    for (std::int64_t unit = 0; unit < f->qty; ++unit) {  // one unit at a time: obviously right
      const std::int64_t dir = side == ev::side::buy ? 1 : -1;
      if (b.qty == 0 || (b.qty > 0) == (dir > 0)) {
        b.qty += dir;
        b.cost += dir * f->price_paise;
      } else {
        const std::int64_t unit_cost = b.cost / b.qty;  // exact while all units share a price
        realized += (b.qty > 0 ? 1 : -1) * (f->price_paise - unit_cost);
        b.cost -= unit_cost;
        b.qty += dir;
      }
    }
  }
  return realized;
}

}  // namespace

TEST_CASE("random sessions: replay reproduces positions, P&L and risk state") {
  std::int64_t closed_positions = 0, halts = 0, ladder_steps = 0;
  for (std::uint64_t seed = 1; seed <= 12; ++seed) {
    CAPTURE(seed);
    std::mt19937_64 rng(seed);
    core::trading::trading_config config;
    config.risk.max_positions = 2;
    config.risk.capital_paise = 5'00'000'00;
    test::engine_fixture f(config);
    const std::vector<std::string> instruments{"NFO:1001", "NFO:1002", "NFO:1003"};
    std::map<std::string, std::int64_t> price{{"NFO:1001", 10000}, {"NFO:1002", 5000}, {"NFO:1003", 20000}};
    double vix = 13.0;
    int fills = 0;

    for (int step = 0; step < 600; ++step) {
      f.clock.advance_by(static_cast<std::int64_t>(rng() % 3'000'000'000));
      const int roll = static_cast<int>(rng() % 100);
      const auto& instrument = instruments[rng() % instruments.size()];
      if (roll < 45) {  // a price move, fixed price grid of ₹0.50 so average costs stay exact
        price[instrument] = std::max<std::int64_t>(500, price[instrument] + (static_cast<std::int64_t>(rng() % 9) - 4) * 50);
        f.quote(instrument, price[instrument], price[instrument] - 50, price[instrument]);
      } else if (roll < 50) {
        vix = std::max(10.0, vix + (static_cast<double>(rng() % 7) - 3.0) * 0.7);
        f.quote(test::vix, static_cast<std::int64_t>(vix * 100));
      } else if (roll < 60) {
        auto in = f.intent("b" + std::to_string(step));
        in.instrument = instrument;
        f.quote(instrument, price[instrument], price[instrument] - 50, price[instrument]);
        f.engine->enter(in);
      } else if (roll < 85) {  // the broker answers a working order: accept, fill part or all
        for (const auto& [key, o] : f.state.orders) {
          if (core::is_terminal(o.status)) continue;
          if (o.status == core::order_status::submitted) {
            f.accept(key);
          } else if (o.status == core::order_status::accepted || o.status == core::order_status::partially_filled) {
            const std::int64_t left = o.qty - o.filled_qty;
            const std::int64_t qty = rng() % 2 ? left : std::max<std::int64_t>(o.lot_size, left / 2 / o.lot_size * o.lot_size);
            const std::string id = "F" + std::to_string(++fills);
            f.publish(ev::order_filled{key, id, std::min(qty, left), price[o.instrument], o.filled_qty + std::min(qty, left),
                                       left - std::min(qty, left), 1000, "stream"},
                      {.key = key + "/" + id});
            // The same fill reported again by order-book polling changes nothing.
            f.publish(ev::order_filled{key, id, std::min(qty, left), price[o.instrument], 0, 0, 1000, "poll"},
                      {.key = key + "/" + id});
          }
          break;
        }
      } else if (roll < 90) {
        f.engine->on_time(f.clock.now_ns());
        for (const auto& [key, o] : f.state.orders)
          if (o.pending == core::order_pending::modify) f.modified(key, ev::order_type::limit, o.price_paise);
        std::vector<std::string> cancelling;
        for (const auto& [key, o] : f.state.orders)
          if (o.pending == core::order_pending::cancel) cancelling.push_back(key);
        for (const auto& key : cancelling) f.cancelled(key);
      } else if (roll < 93) {
        f.engine->exit_position(instrument, "signal");
      } else if (roll < 95) {
        f.engine->kill_switch("test");
      } else if (roll < 97) {
        f.engine->resume_trading("operator");
      } else {
        f.open_session("2026-01-0" + std::to_string(6 + step % 3));
      }
    }

    const std::string live = encoded(f.state);
    REQUIRE(f.journal->sync().ok());
    auto scratch = daemon::recover(f.dir.path(), {.use_snapshots = false});
    REQUIRE(scratch.ok());
    CHECK(encoded(scratch->state) == live);

    const auto events = f.events();
    std::int64_t closed_gross = 0;
    for (const auto& e : events)
      if (const auto* c = std::get_if<ev::position_closed>(&e.body)) {
        closed_gross += c->gross_pnl_paise;
        ++closed_positions;
      }
    std::int64_t open_realized = 0;
    for (const auto& [instrument, p] : f.state.positions) open_realized += p.realized_paise;
    CHECK(closed_gross + open_realized == realized_from_fills(events));
    halts += static_cast<std::int64_t>(f.of_type<ev::trading_halted>().size());
    ladder_steps += static_cast<std::int64_t>(f.of_type<ev::order_modify_requested>().size());
  }
  // The sessions exercised what they claim to.
  CHECK(closed_positions > 20);
  CHECK(halts > 5);
  CHECK(ladder_steps > 10);
}
