// `striked data fetch` without its command line: historical candles from the broker into the
// bar day files, window by window, skipping every series a day already holds complete
// (fetch_plan.hpp), one request at a time (the broker paces them within its rate limits).
//
// Two phases. First the listed instruments (the index and VIX, or --tokens) for every day;
// then, for the default set, the option contracts around each day's index close
// (strike_ladder.hpp), which needs the index's bars of the first phase. A window's day files
// are written once all its requests are answered, so an interrupted fetch loses at most the
// window in progress, and a rerun asks only for what is still missing.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.hpp"
#include "brokers/broker.hpp"
#include "core/clock.hpp"
#include "core/market/bar_grid.hpp"
#include "daemon/fetch/fetch_store.hpp"
#include "daemon/fetch/strike_ladder.hpp"

namespace strike::daemon::fetch {

struct option_set {
  std::string index;       // the instrument whose close centres the ladder, "NSE:99926000"
  std::string underlying;  // the options' name in the master, "NIFTY"
  ladder_rule rule;
};

struct fetch_settings {
  // Trading days to fetch, ascending, each with its session already begun.
  std::vector<core::civil_date> days;
  events::timeframe timeframe = events::timeframe::m1;
  int max_days = 30;                     // calendar days one request may span
  std::vector<std::string> instruments;  // "EXCHANGE:TOKEN", fetched for every day
  std::optional<option_set> options;     // the default set's option contracts
};

struct fetch_progress {
  std::string_view phase;  // "instruments" or "options"
  int done = 0;            // requests answered (or failed)
  int total = 0;           // requests planned so far
  int days_written = 0;
};

struct fetch_report {
  int requests = 0;
  int refused = 0;               // requests refused for their instrument; the fetch went on
  std::string first_refusal;     // the first such refusal, for the operator
  int days_written = 0;          // distinct day files (re)written
  std::int64_t bars = 0;         // fresh bars written
  std::int64_t off_grid = 0;     // candles dropped: off the bar grid or on a day not asked for
  int option_contracts = 0;      // distinct contracts the ladder chose over all the days
  std::optional<error> stopped;  // a failure that ended the fetch early (network, auth, disk)
};

// Runs on the broker's executor. broker, store and clock outlive the coroutine; progress is
// called after every request and every window written.
boost::asio::awaitable<fetch_report> fetch_candles(
    brokers::broker& broker, fetch_store& store, const fetch_settings& settings,
    const core::clock& clock, const core::market::bar_grid& grid,
    std::function<void(const fetch_progress&)> progress);

}  // namespace strike::daemon::fetch
