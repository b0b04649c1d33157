// The simulated exchange across days: holidays without a session, and a scrip master that drops
// the contracts that have expired.
#include <doctest/doctest.h>

#include "sim/instruments.hpp"
#include "sim/price_path.hpp"
#include "tests/sim/sim_fixture.hpp"

using namespace strike;
using namespace strike::sim;
using strike::test::ist;

TEST_CASE("sim holidays have no session and the next open skips them") {
  price_path p(1, {2026, 1, 23}, {26000, 59000, 13});
  p.set_holidays({{2026, 1, 26}});
  CHECK_FALSE(p.is_session_day({2026, 1, 26}));
  CHECK(p.is_session_day({2026, 1, 27}));
  CHECK_FALSE(p.in_session(ist("2026-01-26T11:00:00+05:30")));
  CHECK(p.in_session(ist("2026-01-27T11:00:00+05:30")));
  // From Friday's close the next open is Tuesday's: the weekend and Monday are shut.
  CHECK(p.next_session_open(ist("2026-01-23T15:30:00+05:30")) == ist("2026-01-27T09:15:00+05:30"));
  // On the holiday and before Tuesday's open the index rests at Friday's close, and Tuesday's
  // quote calls Friday's close its previous close.
  const double friday_close = p.level(series::nifty, ist("2026-01-23T15:30:00+05:30"));
  CHECK(p.level(series::nifty, ist("2026-01-26T12:00:00+05:30")) == friday_close);
  CHECK(p.level(series::nifty, ist("2026-01-27T09:00:00+05:30")) == friday_close);
  CHECK(p.previous_close(series::nifty, ist("2026-01-27T11:00:00+05:30")) == friday_close);
  // Without the holiday Monday trades as any weekday.
  price_path plain(1, {2026, 1, 23}, {26000, 59000, 13});
  CHECK(plain.in_session(ist("2026-01-26T11:00:00+05:30")));
}

TEST_CASE("sim scrip master of a day lists no contract that expired before it") {
  instrument_master m(instrument_settings{2, 3, false}, {2026, 1, 23}, 26000, 59000);
  const std::string tuesday = m.make_json({2026, 1, 27});
  const std::string wednesday = m.make_json({2026, 1, 28});
  CHECK(tuesday.find("27JAN2026") != std::string::npos);  // the expiry day still lists it
  CHECK(wednesday.find("27JAN2026") == std::string::npos);
  CHECK(wednesday.find("03FEB2026") != std::string::npos);
  CHECK(wednesday.find("Nifty 50") != std::string::npos);  // indices never expire
  // Both underlyings' 27 Jan options are gone: 5 strikes x 2 sides each.
  const auto rows = [](const std::string& json) {
    std::size_t n = 0;
    for (auto at = json.find("\"token\""); at != std::string::npos;
         at = json.find("\"token\"", at + 1))
      ++n;
    return n;
  };
  CHECK(rows(tuesday) - rows(wednesday) == 20);
  // Orders and quotes still find the expired contract by token.
  CHECK(m.by_symbol("NIFTY27JAN2626000CE") != nullptr);
}
