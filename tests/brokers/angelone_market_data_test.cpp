// Last prices, historical candles and the instrument master from the simulator.
#include <doctest/doctest.h>

#include "brokers/angelone/vocabulary.hpp"
#include "tests/brokers/sim_harness.hpp"

using namespace strike;
using namespace strike::test;

namespace {

std::int64_t ist(const char* text) {
  return *sim::parse_iso_time(text);
}

int candle_requests(sim_harness& h) {
  return static_cast<int>(h.request_outcomes("getCandleData").size());
}

}  // namespace

TEST_CASE("The instrument master is downloaded, cached on disk and indexed") {
  sim_harness h;
  auto index = h.run(h.client->instruments());
  REQUIRE_MESSAGE(index.ok(), (index.ok() ? "" : index.error().message));
  CHECK((*index)->as_of() == "2026-01-05");
  CHECK(std::filesystem::exists(h.dir / "instruments" / "scrip-master-2026-01-05.json"));
  auto loaded = h.events_of<events::instruments_loaded>();
  REQUIRE(loaded.size() == 1);
  CHECK(loaded[0].source == "download");
  CHECK(loaded[0].count == static_cast<std::int64_t>((*index)->size()));

  const auto* nifty = (*index)->find_id("NSE:99926000");
  REQUIRE(nifty != nullptr);
  CHECK(nifty->symbol == "Nifty 50");
  const auto expiries = (*index)->expiries("NIFTY");
  REQUIRE(expiries.size() == 4);
  CHECK(expiries[0] == core::civil_date{2026, 1, 6});
  const auto* call =
      (*index)->find_option("NIFTY", {2026, 1, 13}, 2'600'000, brokers::option_right::call);
  REQUIRE(call != nullptr);
  CHECK(call->symbol == "NIFTY13JAN2626000CE");
  CHECK(call->lot_size == 65);
  CHECK(call->tick_paise == 5);
  const auto* near =
      (*index)->nearest_option("NIFTY", {2026, 1, 13}, 2'602'000, brokers::option_right::put);
  REQUIRE(near != nullptr);
  CHECK(near->strike_paise == 2'600'000);
  CHECK(near->symbol == "NIFTY13JAN2626000PE");
}

TEST_CASE("A second client takes today's instrument master from the cache") {
  sim_harness h;
  REQUIRE(h.run(h.client->instruments()).ok());
  auto second = h.make_client();
  auto index = h.run(second->instruments());
  REQUIRE(index.ok());
  auto loaded = h.events_of<events::instruments_loaded>();
  REQUIRE(loaded.size() == 2);
  CHECK(loaded[1].source == "cache");
  CHECK(loaded[1].count == loaded[0].count);
  second->shutdown();
}

TEST_CASE("The last price of an index and of an option, in paise") {
  sim_harness h;
  REQUIRE(h.run(h.client->instruments()).ok());
  auto nifty = h.run(h.client->last_price("NSE:99926000", ""));
  REQUIRE_MESSAGE(nifty.ok(), (nifty.ok() ? "" : nifty.error().message));
  CHECK(*nifty > 20'000'00);
  CHECK(*nifty < 32'000'00);
  auto index = h.client->instruments();
  auto idx = h.run(std::move(index));
  const auto* call =
      (*idx)->find_option("NIFTY", {2026, 1, 13}, 2'600'000, brokers::option_right::call);
  auto premium = h.run(h.client->last_price(call->id(), call->symbol));
  REQUIRE(premium.ok());
  CHECK(*premium > 0);
  CHECK(*premium % 5 == 0);  // on the 0.05 tick
}

TEST_CASE("A day of one-minute candles comes in one request, ascending and complete") {
  sim_harness h;
  brokers::candle_request r{"NSE:99926000", brokers::candle_interval::m1,
                            ist("2026-01-02T09:15:00+05:30"), ist("2026-01-02T15:29:00+05:30")};
  auto candles = h.run(h.client->candles(r));
  REQUIRE_MESSAGE(candles.ok(), (candles.ok() ? "" : candles.error().message));
  CHECK(candle_requests(h) == 1);
  REQUIRE(candles->size() == 375);
  CHECK(candles->front().open_ns == r.from_ns);
  CHECK(candles->back().open_ns == r.to_ns);
  for (std::size_t i = 1; i < candles->size(); ++i)
    REQUIRE((*candles)[i].open_ns - (*candles)[i - 1].open_ns == 60 * core::ns_per_s);
}

TEST_CASE("A range longer than the per-request limit is split, merged and de-duplicated") {
  sim_harness h;
  // 45 days of one-minute candles: the simulator refuses more than 30 days per request.
  brokers::candle_request r{"NSE:99926000", brokers::candle_interval::m1,
                            ist("2025-11-20T09:15:00+05:30"), ist("2026-01-03T15:29:00+05:30")};
  auto candles = h.run(h.client->candles(r));
  REQUIRE_MESSAGE(candles.ok(), (candles.ok() ? "" : candles.error().message));
  CHECK(candle_requests(h) == 2);
  CHECK(h.request_outcomes("getCandleData") == std::vector<std::string>{"ok", "ok"});
  REQUIRE_FALSE(candles->empty());
  for (std::size_t i = 1; i < candles->size(); ++i)
    REQUIRE((*candles)[i].open_ns > (*candles)[i - 1].open_ns);
  CHECK(candles->front().open_ns >= r.from_ns);
  CHECK(candles->back().open_ns <= r.to_ns);
  // 32 weekdays (the simulator keeps no holidays) of 375 minutes each.
  CHECK(candles->size() == 32 * 375);
}

TEST_CASE("Years of daily candles are fetched in pieces of at most 2000 days") {
  // The simulator walks every second of six years to make them: slow under the sanitizers.
  sim_harness h({.request_timeout_ms = 60'000});
  brokers::candle_request r{"NSE:99926000", brokers::candle_interval::d1,
                            ist("2020-01-01T00:00:00+05:30"), ist("2026-01-02T00:00:00+05:30")};
  auto candles = h.run(h.client->candles(r));
  REQUIRE_MESSAGE(candles.ok(), (candles.ok() ? "" : candles.error().message));
  CHECK(candle_requests(h) == 2);
  REQUIRE(candles->size() > 1500);
  for (std::size_t i = 1; i < candles->size(); ++i)
    REQUIRE((*candles)[i].open_ns > (*candles)[i - 1].open_ns);
}
