#include <doctest/doctest.h>

#include <algorithm>
#include <string>

#include "core/market/candle_file.hpp"
#include "core/market/candle_time.hpp"
#include "core/market/decimal_text.hpp"
#include "core/market/resample.hpp"
#include "daemon/holidays_file.hpp"

using namespace strike;
using namespace strike::core::market;

namespace {

bool has(const std::vector<std::string>& lines, const std::string& text) {
  return std::find(lines.begin(), lines.end(), text) != lines.end();
}

candle_series check(candle_data& d) {
  static const auto calendar = daemon::default_trading_calendar();
  return check_candles(d, {std::nullopt, &calendar, {}});
}

}  // namespace

TEST_CASE("rupee text becomes exact paise without passing through a double") {
  CHECK(*parse_paise("19571.2") == 1957120);
  CHECK(*parse_paise("19573.35") == 1957335);
  CHECK(*parse_paise("0.05") == 5);
  CHECK(*parse_paise("19571.200") == 1957120);
}

TEST_CASE("decimal text finer than a paisa, or not a number, is refused with the reason") {
  CHECK(parse_paise("19571.205").error().message == "'19571.205' has more decimals than a paisa");
  CHECK(parse_paise("").error().message == "is empty");
  CHECK(parse_paise("12a").error().message == "'12a' is not a number");
  CHECK(parse_paise("1e").error().message == "'1e' has a bad exponent");
  CHECK(parse_paise("1e400").error().message == "'1e400' is too large");
  CHECK(*parse_paise("1.95712e4") == 1957120);
  CHECK(*parse_paise("-3.5") == -350);
  CHECK(*parse_whole("1200") == 1200);
  CHECK(*parse_whole("1.2e3") == 1200);
  CHECK(parse_whole("12.5").error().message == "'12.5' is not a whole number");
}

TEST_CASE("candle timestamps need an offset and come back as IST text") {
  const auto t = parse_candle_time("2023-09-06T11:15:00+05:30");
  REQUIRE(t.ok());
  CHECK(*t == core::ist_time_ns({2023, 9, 6}, 11 * 60 + 15));
  CHECK(*parse_candle_time("2023-09-06T05:45:00Z") == *t);
  CHECK(*parse_candle_time("2023-09-06 05:45:00.000+00:00") == *t);
  CHECK(format_candle_time(*t) == "2023-09-06T11:15:00+05:30");
  CHECK(parse_candle_time("2023-09-06T11:15:00").error().message ==
        "'2023-09-06T11:15:00' has no UTC offset (expected +05:30)");
  CHECK_FALSE(parse_candle_time("2023-02-30T11:15:00+05:30").ok());
}

TEST_CASE("an Angel One JSONL candle parses to exact paise") {
  auto d =
      parse_candles(R"(["2023-09-06T11:15:00+05:30", 19571.2, 19573.35, 19534.4, 19552.05, 0])",
                    "c.jsonl", candle_format::jsonl);
  REQUIRE(d.problems.empty());
  REQUIRE(d.rows.size() == 1);
  CHECK(d.rows[0].value ==
        bar{core::ist_time_ns({2023, 9, 6}, 675), 1957120, 1957335, 1953440, 1955205, 0, 0});
}

TEST_CASE("a CSV candle file needs its header and may carry open interest") {
  auto d = parse_candles(
      "timestamp,open,high,low,close,volume,oi\r\n2025-01-02T09:15:00+05:30,10,11,9,10.5,100,"
      "75\r\n",
      "c.csv", candle_format::csv);
  REQUIRE(d.problems.empty());
  CHECK(d.has_oi);
  CHECK(d.rows[0].value.oi == 75);
  auto no_header =
      parse_candles("2025-01-02T09:15:00+05:30,10,11,9,10.5,100\n", "c.csv", candle_format::csv);
  CHECK(no_header.report() ==
        std::vector<std::string>{
            "c.csv:1:line: the header must be timestamp,open,high,low,close,volume "
            "(optionally ,oi), found '2025-01-02T09:15:00+05:30,10,11,9,10.5,100'"});
  CHECK(no_header.rows.size() == 1);
}

TEST_CASE("a file with planted errors is rejected with every problem at its line and field") {
  const std::string text =
      "timestamp,open,high,low,close,volume\n"             // 1
      "2025-01-02T09:15:00+05:30,100,101,99,100.5,10\n"    // 2 fine
      "2025-01-02T09:16:00+05:30,100,99,101,100,10\n"      // 3 high < low
      "2025-01-02T09:17:00+05:30,102,103,100,101,10\n"     // 4 fine
      "2025-01-02T09:18:00+05:30,104,103,100,101,10\n"     // 5 open above high
      "2025-01-02T09:19:00+05:30,101,103,100,99,10\n"      // 6 close below low
      "2025-01-02T09:20:00+05:30,abc,103,100,101,10\n"     // 7 open not a number
      "2025-01-02T09:21:00+05:30,101,103,100,101\n"        // 8 a field short
      "2025-01-02T09:17:00+05:30,101,103,100,101,10\n"     // 9 duplicate of line 4
      "2025-01-02T09:16:30+05:30,101,103,100,101,10\n"     // 10 off the grid
      "2025-01-02T09:22:00+05:30,101,103,100,101,-1\n"     // 11 negative volume
      "2025-01-02T09:23:00+05:30,101.001,103,100,101,1\n"  // 12 finer than a paisa
      "2025-01-02T15:30:00+05:30,101,103,100,101,10\n"     // 13 outside the session
      "2025-01-02T09:24:00+05:30,101,103,100,101,10\n";    // 14 fine
  auto d = parse_candles(text, "planted.csv", candle_format::csv);
  const auto s = check(d);
  const auto r = d.report();
  CHECK(has(r, "planted.csv:3:high: high 99.00 is below low 101.00"));
  CHECK(has(r, "planted.csv:5:open: open 104.00 is outside [low 100.00, high 103.00]"));
  CHECK(has(r, "planted.csv:6:close: close 99.00 is outside [low 100.00, high 103.00]"));
  CHECK(has(r, "planted.csv:7:open: 'abc' is not a number"));
  CHECK(has(r,
            "planted.csv:8:line: expected 6 fields (timestamp, open, high, low, close, volume) or "
            "7 with oi, found 5"));
  CHECK(has(r, "planted.csv:9:timestamp: duplicate: the same 1m bar as line 4"));
  CHECK(has(r,
            "planted.csv:10:timestamp: 2025-01-02T09:16:30+05:30 is not the start of a 1m bar "
            "(bars start at 09:15 "
            "and every 1m after)"));
  CHECK(has(r, "planted.csv:11:volume: must not be negative, is '-1'"));
  CHECK(has(r, "planted.csv:12:open: '101.001' has more decimals than a paisa"));
  CHECK(has(r, "planted.csv:13:timestamp: 15:30 is outside the session 09:15-15:30"));
  CHECK(d.errors() == 10);
  // The report is in line order, and the good candles are still there.
  CHECK(std::is_sorted(r.begin(), r.end(), [](const std::string& a, const std::string& b) {
    return std::stoi(a.substr(12)) < std::stoi(b.substr(12));
  }));
  CHECK(s.bars.size() == 3);
}

TEST_CASE("time going backwards is an error naming the earlier line") {
  auto d = parse_candles(
      "[\"2025-01-02T09:20:00+05:30\", 1, 1, 1, 1, 0]\n[\"2025-01-02T09:25:00+05:30\", 1, 1, 1, 1, "
      "0]\n"
      "[\"2025-01-02T09:15:00+05:30\", 1, 1, 1, 1, 0]\n",
      "b.jsonl", candle_format::jsonl);
  const auto s = check(d);
  CHECK(s.period == bar_period::of_minutes(5));
  CHECK(has(d.report(),
            "b.jsonl:3:timestamp: goes back in time: 2025-01-02T09:15:00+05:30 after line 2's "
            "2025-01-02T09:25:00+05:30"));
}

TEST_CASE("missing candles and non-trading days are warnings, not errors") {
  auto d = parse_candles(
      "[\"2025-10-21T09:15:00+05:30\", 1, 1, 1, 1, 0]\n[\"2025-10-21T09:16:00+05:30\", 1, 1, 1, 1, "
      "0]\n"
      "[\"2025-10-21T09:20:00+05:30\", 1, 1, 1, 1, 0]\n",
      "w.jsonl", candle_format::jsonl);
  const auto s = check(d);
  CHECK(d.errors() == 0);
  CHECK(d.warnings() == 2);
  CHECK(has(d.report(),
            "w.jsonl:1:timestamp: warning: 2025-10-21 is not a trading day (holiday: Diwali Laxmi "
            "Pujan)"));
  CHECK(has(d.report(),
            "w.jsonl:3:timestamp: warning: 3 1m candle(s) missing before this one (from 09:17)"));
  CHECK(s.bars.size() == 3);
}

TEST_CASE("daily candles labelled at midnight become session bars starting 09:15") {
  auto d = parse_candles(
      "[\"2025-01-02T00:00:00+05:30\", 10, 12, 9, 11, 5]\n[\"2025-01-03T00:00:00+05:30\", 11, 12, "
      "9, 10, 6]\n",
      "d.jsonl", candle_format::jsonl);
  const auto s = check(d);
  CHECK(s.period == bar_period::daily());
  CHECK(format_candle_time(s.bars[0].start_ns) == "2025-01-02T09:15:00+05:30");
}

TEST_CASE("resampling 1m candles to 5m and 1h follows the 09:15 grid and merges exactly") {
  std::vector<bar> minutes;
  for (int i = 0; i < 375; ++i) {
    const std::int64_t p = 100'000 + (i * 7919) % 500;
    minutes.push_back({core::ist_time_ns({2025, 1, 2}, 555 + i), p, p + 20, p - 20, p + 5, i, 0});
  }
  auto five = resample(minutes, bar_period::of_minutes(1), bar_period::of_minutes(5));
  REQUIRE(five.ok());
  REQUIRE(five->size() == 75);
  CHECK((*five)[1] == bar{minutes[5].start_ns, minutes[5].open,
                          std::max({minutes[5].high, minutes[6].high, minutes[7].high,
                                    minutes[8].high, minutes[9].high}),
                          std::min({minutes[5].low, minutes[6].low, minutes[7].low, minutes[8].low,
                                    minutes[9].low}),
                          minutes[9].close, 5 + 6 + 7 + 8 + 9, 0});
  auto hours = resample(*five, bar_period::of_minutes(5), bar_period::of_minutes(60));
  REQUIRE(hours.ok());
  CHECK(hours->size() == 7);
  CHECK(format_candle_time(hours->back().start_ns) == "2025-01-02T15:15:00+05:30");
  CHECK(*hours == *resample(minutes, bar_period::of_minutes(1), bar_period::of_minutes(60)));
  CHECK_FALSE(resample(minutes, bar_period::of_minutes(5), bar_period::of_minutes(1)).ok());
  CHECK(resample(*five, bar_period::of_minutes(10), bar_period::of_minutes(15)).error().message ==
        "cannot resample 10m candles to 15m: the target must be coarser and a whole number of 10m "
        "bars");
}
