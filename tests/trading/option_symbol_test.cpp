#include <doctest/doctest.h>

#include "core/trading/option_symbol.hpp"

using namespace strike::core;
using namespace strike::core::trading;

TEST_CASE("an option's trading symbol spells its underlying, expiry, strike and kind") {
  const auto call = parse_option_symbol("NIFTY06JAN2626000CE");
  REQUIRE(call);
  CHECK(call->underlying == "NIFTY");
  CHECK(call->expiry == civil_date{2026, 1, 6});
  CHECK(call->strike_paise == 26000'00);
  CHECK(call->call);

  const auto put = parse_option_symbol("BANKNIFTY27JAN2659500PE");
  REQUIRE(put);
  CHECK(put->underlying == "BANKNIFTY");
  CHECK(put->expiry == civil_date{2026, 1, 27});
  CHECK(put->strike_paise == 59500'00);
  CHECK_FALSE(put->call);

  CHECK(parse_option_symbol("NIFTY06JAN2624050.5CE")->strike_paise == 24050'50);
}

TEST_CASE("what is not an option's symbol is not taken for one") {
  for (const char* bad :
       {"", "NIFTY", "NIFTY-EQ", "NIFTY06JAN26FUT", "NIFTY06JAN2626000XE", "NIFTY31FEB2626000CE",
        "NIFTY06JAX2626000CE", "06JAN2626000CE", "NIFTY06JAN26CE", "NIFTY06JAN260CE",
        "NIFTY06JAN2626A00CE", "NIFTY06JAN2626000.123CE"}) {
    CAPTURE(bad);
    CHECK_FALSE(parse_option_symbol(bad));
  }
}

TEST_CASE("an option is worth at expiry what it is in the money, and nothing out of it") {
  const option_terms call{"NIFTY", {2026, 1, 6}, 26000'00, true};
  const option_terms put{"NIFTY", {2026, 1, 6}, 26000'00, false};
  CHECK(intrinsic_paise(call, 26123'45) == 123'45);
  CHECK(intrinsic_paise(call, 25900'00) == 0);
  CHECK(intrinsic_paise(put, 25900'00) == 100'00);
  CHECK(intrinsic_paise(put, 26000'00) == 0);
}
