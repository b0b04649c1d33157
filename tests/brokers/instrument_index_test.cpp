#include <doctest/doctest.h>

#include "brokers/instrument_index.hpp"

using namespace strike::brokers;
using strike::core::civil_date;

namespace {

instrument option(std::string token, civil_date expiry, std::int64_t strike_rupees, option_right r) {
  instrument i;
  i.exchange = "NFO";
  i.token = std::move(token);
  i.name = "NIFTY";
  i.kind = "OPTIDX";
  i.symbol = "NIFTY" + std::to_string(strike_rupees) + (r == option_right::call ? "CE" : "PE");
  i.expiry_days = static_cast<std::int32_t>(strike::core::days_from_civil(expiry));
  i.strike_paise = strike_rupees * 100;
  i.right = r;
  i.lot_size = 65;
  i.tick_paise = 5;
  return i;
}

instrument_index sample() {
  const civil_date e1{2026, 1, 6}, e2{2026, 1, 13};
  std::vector<instrument> rows;
  rows.push_back(option("1001", e1, 24400, option_right::call));
  rows.push_back(option("1002", e1, 24400, option_right::put));
  rows.push_back(option("1003", e1, 24450, option_right::call));
  rows.push_back(option("1004", e1, 24500, option_right::call));
  rows.push_back(option("2001", e2, 24400, option_right::call));
  instrument index;
  index.exchange = "NSE";
  index.token = "99926000";
  index.symbol = "Nifty 50";
  index.name = "NIFTY";
  index.kind = "AMXIDX";
  rows.push_back(index);
  return instrument_index(std::move(rows), "2026-01-05");
}

}  // namespace

TEST_CASE("An option is found by underlying, expiry, strike and right") {
  const auto idx = sample();
  const auto* ce = idx.find_option("NIFTY", {2026, 1, 6}, 2440000, option_right::call);
  REQUIRE(ce != nullptr);
  CHECK(ce->token == "1001");
  CHECK(ce->lot_size == 65);
  const auto* pe = idx.find_option("NIFTY", {2026, 1, 6}, 2440000, option_right::put);
  REQUIRE(pe != nullptr);
  CHECK(pe->token == "1002");
  CHECK(idx.find_option("NIFTY", {2026, 1, 6}, 2440100, option_right::call) == nullptr);
  CHECK(idx.find_option("BANKNIFTY", {2026, 1, 6}, 2440000, option_right::call) == nullptr);
  CHECK(idx.find_option("NIFTY", {2026, 1, 13}, 2440000, option_right::call)->token == "2001");
}

TEST_CASE("Instruments are found by id and by exchange and symbol") {
  const auto idx = sample();
  REQUIRE(idx.find_id("NSE:99926000") != nullptr);
  CHECK(idx.find_id("NSE:99926000")->symbol == "Nifty 50");
  CHECK(idx.find_id("NFO:99926000") == nullptr);
  REQUIRE(idx.find_symbol("NFO", "NIFTY24450CE") != nullptr);
  CHECK(idx.find_symbol("NFO", "NIFTY24450CE")->token == "1003");
  CHECK(idx.find_symbol("NSE", "NIFTY24450CE") == nullptr);
}

TEST_CASE("The nearest listed strike is chosen, the lower one on a tie, clamped at the ends") {
  const auto idx = sample();
  const civil_date e1{2026, 1, 6};
  CHECK(idx.nearest_option("NIFTY", e1, 2441000, option_right::call)->token == "1001");
  CHECK(idx.nearest_option("NIFTY", e1, 2442500, option_right::call)->token == "1001");
  CHECK(idx.nearest_option("NIFTY", e1, 2443000, option_right::call)->token == "1003");
  CHECK(idx.nearest_option("NIFTY", e1, 2480000, option_right::call)->token == "1004");
  CHECK(idx.nearest_option("NIFTY", e1, 2000000, option_right::call)->token == "1001");
  CHECK(idx.nearest_option("NIFTY", e1, 2443000, option_right::put)->token == "1002");
  CHECK(idx.nearest_option("NIFTY", {2026, 2, 1}, 2443000, option_right::put) == nullptr);
}

TEST_CASE("Expiries of an underlying are listed ascending") {
  const auto idx = sample();
  const auto e = idx.expiries("NIFTY");
  REQUIRE(e.size() == 2);
  CHECK(e[0] == civil_date{2026, 1, 6});
  CHECK(e[1] == civil_date{2026, 1, 13});
  CHECK(idx.expiries("FINNIFTY").empty());
}
