// Unit-level specifications of the simulated market: scenarios, instruments, determinism.
#include <doctest/doctest.h>

#include "sim/candles.hpp"
#include "sim/instruments.hpp"
#include "sim/market.hpp"
#include "sim/price_path.hpp"
#include "sim/totp.hpp"
#include "tests/sim/sim_fixture.hpp"

using namespace strike;
using namespace strike::sim;
using strike::test::ist;

namespace {
std::array<double, 3> opens{26000, 59000, 13};
}

TEST_CASE("sim price path is the same for the same seed whatever is asked first") {
  price_path a(5, {2026, 1, 5}, opens), b(5, {2026, 1, 5}, opens), c(6, {2026, 1, 5}, opens);
  const auto t1 = ist("2026-01-05T11:00:00+05:30"), t2 = ist("2025-12-01T14:00:00+05:30");
  const double a1 = a.level(series::nifty, t1), a2 = a.level(series::nifty, t2);
  const double b2 = b.level(series::nifty, t2), b1 = b.level(series::nifty, t1);
  CHECK(a1 == b1);
  CHECK(a2 == b2);
  CHECK(c.level(series::nifty, t1) != a1);
  CHECK(a.level(series::nifty, ist("2026-01-05T09:15:00+05:30")) == doctest::Approx(26000));
}

TEST_CASE("sim price path holds the last close outside the session and on weekends") {
  price_path p(1, {2026, 1, 5}, opens);
  const double close = p.level(series::nifty, ist("2026-01-09T15:30:00+05:30"));
  CHECK(p.level(series::nifty, ist("2026-01-10T12:00:00+05:30")) == close);  // Saturday
  CHECK(p.level(series::nifty, ist("2026-01-12T09:00:00+05:30")) == close);  // Monday pre-open
}

TEST_CASE("sim VIX spike scenario ramps, holds and reverts") {
  price_path p(1, {2026, 1, 5}, opens);
  scenario sc{series::vix, ist("2026-01-05T11:00:00+05:30"), 40, 60, 600, 600};
  p.add_scenario(sc);
  CHECK(sc.factor_at(ist("2026-01-05T10:59:59+05:30")) == 1.0);
  CHECK(sc.factor_at(ist("2026-01-05T11:00:30+05:30")) == doctest::Approx(1.2));
  CHECK(sc.factor_at(ist("2026-01-05T11:05:00+05:30")) == doctest::Approx(1.4));
  CHECK(sc.factor_at(ist("2026-01-05T11:16:00+05:30")) == doctest::Approx(1.2));
  CHECK(sc.factor_at(ist("2026-01-05T12:00:00+05:30")) == 1.0);
  const auto t = ist("2026-01-05T11:05:00+05:30");
  price_path plain(1, {2026, 1, 5}, opens);
  CHECK(p.level(series::vix, t) == doctest::Approx(plain.level(series::vix, t) * 1.4));
}

TEST_CASE("sim scrip master lists index rows and weekly Tuesday options with real scaling") {
  instrument_master m(instrument_settings{2, 2, false}, {2026, 1, 5}, 26010, 59040);
  const auto* nifty = m.by_token("99926000");
  REQUIRE(nifty);
  CHECK(nifty->symbol == "Nifty 50");
  CHECK(m.by_token("99926009")->symbol == "Nifty Bank");
  CHECK(m.by_token("99926017")->symbol == "India VIX");
  const auto* ce = m.by_symbol("NIFTY06JAN2626000CE");
  REQUIRE(ce);
  CHECK(ce->lot_size == 65);
  CHECK(ce->expiry == "06JAN2026");
  CHECK(m.by_symbol("NIFTY13JAN2626100PE") != nullptr);
  CHECK(m.by_symbol("BANKNIFTY13JAN2659000CE")->lot_size == 30);
  CHECK(m.json().find(R"("strike":"2600000.000000")") != std::string::npos);
  CHECK(m.json().find(R"("tick_size":"5.000000")") != std::string::npos);
  CHECK(lot_size_for(series::nifty, {2025, 12, 30}) == 75);
  CHECK(lot_size_for(series::banknifty, {2025, 12, 30}) == 35);
}

TEST_CASE("sim option premiums are on the tick with the bid below the ask") {
  price_path p(1, {2026, 1, 5}, opens);
  instrument_master m(instrument_settings{}, {2026, 1, 5}, 26000, 59000);
  market mk(p, m, 1);
  const auto* ce = m.by_symbol("NIFTY13JAN2626000CE");
  const auto q = mk.at(*ce, ist("2026-01-05T10:00:00+05:30"));
  CHECK(q.ltp % 5 == 0);
  CHECK(q.bid < q.ask);
  CHECK(q.ltp > 10000);  // an at-the-money weekly call is worth well over Rs 100
}

TEST_CASE("sim candles are aligned to 09:15 and stamped in IST") {
  price_path p(1, {2026, 1, 5}, opens);
  instrument_master m(instrument_settings{}, {2026, 1, 5}, 26000, 59000);
  market mk(p, m, 1);
  const auto now = ist("2026-01-05T10:00:30+05:30");
  auto c = make_candles(mk, *m.by_token("99926000"), *interval_named("FIVE_MINUTE"),
                        ist("2026-01-05T09:15:00+05:30"), ist("2026-01-05T15:30:00+05:30"), now);
  REQUIRE(c.size() == 10);  // 09:15 ... 10:00, the last one forming
  CHECK(c.front().start_ns == ist("2026-01-05T09:15:00+05:30"));
  CHECK(c.front().open == std::llround(26000 * 100.0));
  CHECK(c.back().start_ns == ist("2026-01-05T10:00:00+05:30"));
  for (const auto& k : c)
    CHECK((k.low <= k.open && k.open <= k.high && k.low <= k.close && k.close <= k.high));
}

TEST_CASE("sim TOTP matches the RFC 6238 SHA-1 test vector") {
  // Secret "12345678901234567890" in base32; T = 59 s gives 94287082, i.e. 287082 in 6 digits.
  CHECK(*totp_code("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", 59) == "287082");
  CHECK(totp_matches("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", "287082", 59 + 30));
  CHECK_FALSE(totp_matches("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", "287082", 59 + 60));
}
