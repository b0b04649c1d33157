// striked data fetch, the pure part: when a day's series counts as complete, how days become
// windows and runs of requests, and which option contracts the default set takes.
#include <doctest/doctest.h>

#include "core/clock.hpp"
#include "daemon/fetch/fetch_plan.hpp"
#include "daemon/fetch/strike_ladder.hpp"

using namespace strike;
using namespace strike::daemon::fetch;
using core::civil_date;
namespace mk = strike::core::market;

namespace {

const mk::bar_grid grid;
const civil_date day{2026, 1, 6};

std::int64_t ist(civil_date d, int h, int m) {
  return core::ist_time_ns(d, h * 60 + m);
}

held_series held_until(int h, int m, std::int64_t bars) {
  return {bars, ist(day, h, m), 2'600'000};
}

std::vector<bool> flags(std::string_view s) {
  std::vector<bool> out;
  for (char c : s) out.push_back(c == '1');
  return out;
}

}  // namespace

TEST_CASE("a day whose bars reach the close is complete without a ledger record") {
  CHECK(series_complete(held_until(15, 29, 375), std::nullopt, mk::bar_period::of_minutes(1), grid,
                        day));
  CHECK(series_complete(held_until(15, 25, 75), std::nullopt, mk::bar_period::of_minutes(5), grid,
                        day));
  // The last hour bar starts 15:15 and is cut at the close.
  CHECK(series_complete(held_until(15, 15, 7), std::nullopt, mk::bar_period::of_minutes(60), grid,
                        day));
}

TEST_CASE("a day fetched while it was trading is not complete, even once it is past") {
  CHECK_FALSE(series_complete(held_until(11, 0, 106), std::nullopt, mk::bar_period::of_minutes(1),
                              grid, day));
  CHECK_FALSE(series_complete(held_until(15, 20, 74), std::nullopt, mk::bar_period::of_minutes(5),
                              grid, day));
}

TEST_CASE("a ledger record counts only while the day file holds the bars it recorded") {
  const auto m1 = mk::bar_period::of_minutes(1);
  // An illiquid option whose last trade was 15:10: final by the ledger, not by its bars.
  CHECK(series_complete(held_until(15, 10, 300), 300, m1, grid, day));
  CHECK_FALSE(series_complete(held_until(15, 10, 299), 300, m1, grid, day));
  // The broker had nothing for the day: nothing on disk is what the ledger says.
  CHECK(series_complete({}, 0, m1, grid, day));
  // The day file was deleted.
  CHECK_FALSE(series_complete({}, 300, m1, grid, day));
}

TEST_CASE("a daily bar is complete only by the ledger") {
  const held_series one{1, grid.open_ns(day), 2'600'000};
  CHECK_FALSE(series_complete(one, std::nullopt, mk::bar_period::daily(), grid, day));
  CHECK(series_complete(one, 1, mk::bar_period::daily(), grid, day));
}

TEST_CASE("windows span at most max_days calendar days") {
  const std::vector<civil_date> days{{2026, 1, 1}, {2026, 1, 2}, {2026, 1, 5},
                                     {2026, 1, 6}, {2026, 1, 7}, {2026, 1, 8}};
  const auto w = split_windows(days, 5);
  REQUIRE(w.size() == 2);
  CHECK(w[0].size() == 3);  // 1st to 5th: four days apart
  CHECK(w[1].front() == civil_date{2026, 1, 6});
  CHECK(w[1].size() == 3);
  CHECK(split_windows(days, 30).size() == 1);
  CHECK(split_windows(days, 1).size() == 6);
  CHECK(split_windows({}, 30).empty());
}

TEST_CASE("runs cover wanted incomplete days, split by complete ones") {
  CHECK(missing_runs(flags("1111"), flags("0000")) == std::vector<day_run>{{0, 3}});
  CHECK(missing_runs(flags("1111"), flags("0100")) == std::vector<day_run>{{0, 0}, {2, 3}});
  CHECK(missing_runs(flags("1111"), flags("1111")).empty());
  // An incomplete day nobody wants rides along between wanted ones, but does not start or
  // end a run.
  CHECK(missing_runs(flags("0101"), flags("0000")) == std::vector<day_run>{{1, 3}});
  CHECK(missing_runs(flags("1100"), flags("0000")) == std::vector<day_run>{{0, 1}});
  CHECK(missing_runs(flags("0000"), flags("0000")).empty());
}

TEST_CASE("a request runs from midnight of its first day to the last bar start, or to now") {
  const civil_date first{2026, 1, 5};
  const auto r = range_of(first, day, grid, ist(day, 20, 0));
  CHECK(r.from_ns == core::ist_time_ns(first, 0));
  CHECK(r.to_ns == ist(day, 15, 29));
  const auto today = range_of(day, day, grid, ist(day, 11, 0) + 42 * core::ns_per_s);
  CHECK(today.to_ns == ist(day, 11, 0));
}

TEST_CASE("broker candles map onto the bar grid: daily at the open, intraday on their windows") {
  CHECK(bar_start_of(core::ist_time_ns(day, 0), mk::bar_period::daily(), grid) ==
        grid.open_ns(day));
  CHECK(bar_start_of(ist(day, 9, 15), mk::bar_period::daily(), grid) == grid.open_ns(day));
  CHECK_FALSE(bar_start_of(ist(day, 12, 0), mk::bar_period::daily(), grid));
  CHECK(bar_start_of(ist(day, 9, 20), mk::bar_period::of_minutes(5), grid) == ist(day, 9, 20));
  CHECK_FALSE(bar_start_of(ist(day, 9, 22), mk::bar_period::of_minutes(5), grid));
  CHECK_FALSE(bar_start_of(ist(day, 9, 7), mk::bar_period::of_minutes(1), grid));
  CHECK_FALSE(bar_start_of(ist(day, 15, 30), mk::bar_period::of_minutes(1), grid));
}

namespace {

brokers::instrument option(std::string token, civil_date expiry, std::int64_t strike_rupees,
                           brokers::option_right r) {
  brokers::instrument i;
  i.exchange = "NFO";
  i.token = std::move(token);
  i.name = "NIFTY";
  i.kind = "OPTIDX";
  i.symbol = "NIFTY" + std::to_string(strike_rupees);
  i.expiry_days = static_cast<std::int32_t>(core::days_from_civil(expiry));
  i.strike_paise = strike_rupees * 100;
  i.right = r;
  return i;
}

// Two expiries, strikes 25800..26200 every 100 (calls and puts), the 13th without a 26200 put.
brokers::instrument_index sample_master() {
  std::vector<brokers::instrument> rows;
  int token = 1000;
  for (civil_date e : {civil_date{2026, 1, 13}, civil_date{2026, 1, 20}})
    for (int k = 25800; k <= 26200; k += 100) {
      rows.push_back(option(std::to_string(token++), e, k, brokers::option_right::call));
      if (!(e.day == 13 && k == 26200))
        rows.push_back(option(std::to_string(token++), e, k, brokers::option_right::put));
    }
  brokers::instrument banknifty = option("9000", {2026, 1, 13}, 59000, brokers::option_right::call);
  banknifty.name = "BANKNIFTY";
  rows.push_back(banknifty);
  return brokers::instrument_index(std::move(rows), "2026-01-06");
}

std::vector<std::int64_t> strikes_of(const brokers::instrument_index& m,
                                     const std::vector<std::string>& ids) {
  std::vector<std::int64_t> out;
  for (const auto& id : ids) out.push_back(m.find_id(id)->strike_paise / 100);
  return out;
}

}  // namespace

TEST_CASE("the ladder takes strikes either side of the one nearest the close, calls and puts") {
  const auto master = sample_master();
  const strike_ladder ladder(master, "NIFTY");
  CHECK(ladder.expiry_count() == 2);
  const auto ids = ladder.around(day, 2'601'000, {.strikes = 1, .expiries = 1});
  CHECK(strikes_of(master, ids) ==
        std::vector<std::int64_t>{25900, 25900, 26000, 26000, 26100, 26100});
  CHECK(master.find_id(ids[0])->right == brokers::option_right::call);
  CHECK(master.find_id(ids[1])->right == brokers::option_right::put);
}

TEST_CASE("the ladder breaks a tie to the lower strike and stops at the chain's ends") {
  const auto master = sample_master();
  const strike_ladder ladder(master, "NIFTY");
  // 26050 is as near 26000 as 26100.
  auto ids = ladder.around(day, 2'605'000, {.strikes = 0, .expiries = 1});
  CHECK(strikes_of(master, ids) == std::vector<std::int64_t>{26000, 26000});
  // Far above the chain: the top strike (its put is not listed) and two below it.
  ids = ladder.around(day, 3'000'000, {.strikes = 2, .expiries = 1});
  CHECK(strikes_of(master, ids) == std::vector<std::int64_t>{26000, 26000, 26100, 26100, 26200});
}

TEST_CASE("the ladder takes the nearest expiries on or after the day") {
  const auto master = sample_master();
  const strike_ladder ladder(master, "NIFTY");
  CHECK(ladder.around(day, 2'600'000, {.strikes = 0, .expiries = 2}).size() == 4);
  // On the 14th the 13th has expired: only the 20th is left.
  const auto later = ladder.around({2026, 1, 14}, 2'600'000, {.strikes = 0, .expiries = 2});
  REQUIRE(later.size() == 2);
  CHECK(master.find_id(later[0])->expiry() == civil_date{2026, 1, 20});
  // The expiry day itself still counts.
  CHECK(ladder.around({2026, 1, 13}, 2'600'000, {.strikes = 0, .expiries = 1}).size() == 2);
  CHECK(ladder.around({2026, 1, 21}, 2'600'000, {.strikes = 3, .expiries = 2}).empty());
}
