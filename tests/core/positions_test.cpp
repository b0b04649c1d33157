// Where positions live: per contract and instance, the first instance under the contract's own
// key, the rest under "instrument@instance", found again by the events that name both.
#include <doctest/doctest.h>

#include "core/positions.hpp"
#include "tests/support/state_folder.hpp"

using namespace strike;
namespace ev = strike::events;

namespace {

struct journal : test::state_folder {
  void add(ev::payload p) { (*this)(std::move(p)); }
  void buy(const std::string& key, const std::string& instance, const std::string& instrument,
           std::int64_t qty, std::int64_t price) {
    add(ev::order_intent{key, instance, instrument, "NIFTY06JAN2626000CE", ev::side::buy, qty,
                         ev::purpose::entry, "test", price, 5, 65});
    add(ev::order_filled{key, "F" + key, qty, price, qty, 0, 0, "test"});
  }
  void sell(const std::string& key, const std::string& instance, const std::string& instrument,
            std::int64_t qty, std::int64_t price) {
    add(ev::order_intent{key, instance, instrument, "NIFTY06JAN2626000CE", ev::side::sell, qty,
                         ev::purpose::exit, "test", price, 5, 65});
    add(ev::order_filled{key, "F" + key, qty, price, qty, 0, 0, "test"});
  }
};

}  // namespace

TEST_CASE("the first instance in a contract holds it under its own key, a second under its name") {
  journal j;
  j.buy("a1", "alpha", "NFO:123", 65, 100'00);
  j.buy("b1", "beta", "NFO:123", 130, 90'00);
  j.buy("c1", "alpha", "NFO:1234", 65, 50'00);  // a longer token sorts between them
  REQUIRE(j.s.positions.size() == 3);
  CHECK(j.s.positions.at("NFO:123").strategy == "alpha");
  CHECK(j.s.positions.at("NFO:123@beta").strategy == "beta");
  CHECK(j.s.positions.at("NFO:123@beta").instrument == "NFO:123");
  CHECK(core::position_keys_in(j.s, "NFO:123") ==
        std::vector<std::string>{"NFO:123", "NFO:123@beta"});
  CHECK(core::position_keys_in(j.s, "NFO:1234") == std::vector<std::string>{"NFO:1234"});
  CHECK(core::position_keys_in(j.s, "NFO:12").empty());
  CHECK(core::net_qty(j.s, "NFO:123") == 195);

  // Position events find their own position by instrument and instance.
  j.add(ev::stop_adjusted{"NFO:123", 85'00, 95'00, "trail_activated", "beta"});
  CHECK(j.s.positions.at("NFO:123@beta").trailing);
  CHECK_FALSE(j.s.positions.at("NFO:123").trailing);
  j.add(ev::position_exit_triggered{"NFO:123", "signal", 95'00, 65, "alpha"});
  CHECK(j.s.positions.at("NFO:123").exit_reason == "signal");
  CHECK(j.s.positions.at("NFO:123@beta").exit_reason.empty());

  // alpha's exit closes alpha's position alone; beta keeps its key while it holds.
  j.sell("a2", "alpha", "NFO:123", 65, 110'00);
  CHECK(j.s.positions.at("NFO:123").qty == 0);
  CHECK(j.s.positions.at("NFO:123").realized_paise == 65 * 10'00);
  CHECK(j.s.positions.at("NFO:123@beta").qty == 130);
  j.add(ev::position_closed{"NFO:123", 65, 100'00, 110'00, 65 * 10'00, 0, 65 * 10'00, "alpha"});
  CHECK(j.s.positions.count("NFO:123") == 0);
  CHECK(core::position_key(j.s, "NFO:123", "beta") == "NFO:123@beta");
  CHECK(core::position_key(j.s, "NFO:123", "alpha") == "NFO:123");  // free for whoever is next
  // A new alpha position takes the free key; beta's stays where it is.
  j.buy("a3", "alpha", "NFO:123", 65, 100'00);
  CHECK(j.s.positions.at("NFO:123").strategy == "alpha");
  CHECK(j.s.positions.at("NFO:123").id == "a3@" + std::to_string(j.seq));
  CHECK(core::net_qty(j.s, "NFO:123") == 195);
  CHECK(j.s.instances_today.at("alpha").realized_pnl_paise == 65 * 10'00);
  CHECK(j.s.instances_today.count("beta") == 0);
}

TEST_CASE("a journal of no instances keeps one position per contract") {
  journal j;
  j.buy("a1", "", "NFO:123", 65, 100'00);
  j.buy("a2", "", "NFO:123", 65, 110'00);
  REQUIRE(j.s.positions.size() == 1);
  CHECK(j.s.positions.at("NFO:123").qty == 130);
  // An instance's order in a contract a position of no instance holds is that position's.
  j.sell("x1", "alpha", "NFO:123", 65, 120'00);
  CHECK(j.s.positions.at("NFO:123").qty == 65);
  CHECK(core::position_key(j.s, "NFO:123", "") == "NFO:123");
}

TEST_CASE("a qty mismatch caps the instances' exits in key order at what the broker holds") {
  journal j;
  j.buy("a1", "alpha", "NFO:123", 65, 100'00);
  j.buy("b1", "beta", "NFO:123", 65, 100'00);
  j.add(ev::reconciliation_discrepancy{"qty_mismatch", "NFO:123", "", 130, 80, "reported"});
  CHECK(j.s.positions.at("NFO:123").exit_cap == -1);  // all 65 of it held
  CHECK(j.s.positions.at("NFO:123@beta").exit_cap == 15);
  j.add(ev::reconciliation_discrepancy{"qty_mismatch", "NFO:123", "", 130, 0, "reported"});
  CHECK(j.s.positions.at("NFO:123").exit_cap == 0);
  CHECK(j.s.positions.at("NFO:123@beta").exit_cap == 0);
}
