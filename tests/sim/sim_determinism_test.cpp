#include <doctest/doctest.h>

#include "tests/sim/sim_fixture.hpp"

using namespace strike;
using namespace strike::test;

namespace {

// Runs the same session against a fresh simulator and returns what the client saw.
std::string session_transcript(std::uint64_t seed) {
  sim_fixture f(sim_options{.seed = seed});
  auto c = f.api();
  f.login(c);
  std::string out;
  const std::string order =
      R"({"variety":"NORMAL","tradingsymbol":"NIFTY13JAN2626000CE","symboltoken":"40123","transactiontype":"BUY","exchange":"NFO","ordertype":"MARKET","producttype":"CARRYFORWARD","duration":"DAY","price":"0","quantity":"65"})";
  for (int i = 0; i < 3; ++i) {
    out += c.api_post("/rest/secure/angelbroking/order/v1/placeOrder", order).body;
    f.market.advance_by(97 * core::ns_per_s);
  }
  out += c.api_get("/rest/secure/angelbroking/order/v1/getTradeBook").body;
  out += c.api_post("/rest/secure/angelbroking/market/v1/quote",
                    R"({"mode":"FULL","exchangeTokens":{"NSE":["99926000","99926017"],"NFO":["40123"]}})")
             .body;
  out += c.api_post("/rest/secure/angelbroking/historical/v1/getCandleData",
                    R"({"exchange":"NSE","symboltoken":"99926000","interval":"ONE_MINUTE","fromdate":"2026-01-02 09:15","todate":"2026-01-05 10:05"})")
             .body;
  return out;
}

}  // namespace

TEST_CASE("sim same seed and same order flow give the same ids, prices, fills and candles") {
  const auto a = session_transcript(11);
  const auto b = session_transcript(11);
  CHECK(a == b);
  CHECK(a.find("\"fetched\"") != std::string::npos);
  CHECK(session_transcript(12) != a);
}
