// Market data, feed, bar and signal events. Prices are integer paise; quantities are units.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "events/enums.hpp"
#include "events/fields.hpp"

namespace strike::events {

// Instruments are named "EXCHANGE:TOKEN", e.g. "NSE:99926000" (NIFTY 50) or "NFO:58784".

struct instruments_loaded {
  static constexpr std::string_view type_name = "InstrumentsLoaded";
  std::string source;  // "download" or "cache"
  std::int64_t count = 0;
  std::string as_of;   // date the master was generated
  STRIKE_FIELDS(source, count, as_of)
  bool operator==(const instruments_loaded&) const = default;
};

struct feed_connected {
  static constexpr std::string_view type_name = "FeedConnected";
  std::string feed;  // "market" or "orders"
  std::string endpoint;
  std::int64_t subscriptions = 0;  // (token, mode) pairs restored or requested
  std::int64_t reconnects = 0;     // reconnects since start
  STRIKE_FIELDS(feed, endpoint, subscriptions, reconnects)
  bool operator==(const feed_connected&) const = default;
};

struct feed_disconnected {
  static constexpr std::string_view type_name = "FeedDisconnected";
  std::string feed;
  std::string reason;
  std::int64_t retry_in_ns = 0;
  STRIKE_FIELDS(feed, reason, retry_in_ns)
  bool operator==(const feed_disconnected&) const = default;
};

struct feed_stale {
  static constexpr std::string_view type_name = "FeedStale";
  std::string feed;
  std::int64_t silent_ns = 0;  // time since the last tick
  STRIKE_FIELDS(feed, silent_ns)
  bool operator==(const feed_stale&) const = default;
};

struct market_data_rejected {
  static constexpr std::string_view type_name = "MarketDataRejected";
  std::string source;  // "feed", "bar", "candle" or "backfill"
  std::string instrument;
  std::string reason;  // "malformed_frame", "out_of_order", "duplicate", "bad_ohlc", ...
  std::string detail;
  std::int64_t count = 0;  // rejections of this kind since the last report
  STRIKE_FIELDS(source, instrument, reason, detail, count)
  bool operator==(const market_data_rejected&) const = default;
};

struct bar_closed {
  static constexpr std::string_view type_name = "BarClosed";
  std::string instrument;
  events::timeframe timeframe = events::timeframe::m1;
  std::int64_t start_ns = 0;  // bar open time; the bar covers [start, start + timeframe)
  std::int64_t open_paise = 0;
  std::int64_t high_paise = 0;
  std::int64_t low_paise = 0;
  std::int64_t close_paise = 0;
  std::int64_t volume = 0;
  std::int64_t oi = 0;  // open interest at the close
  STRIKE_FIELDS(instrument, timeframe, start_ns, open_paise, high_paise, low_paise, close_paise,
                volume, oi)
  bool operator==(const bar_closed&) const = default;
};

struct bar_gap_detected {
  static constexpr std::string_view type_name = "BarGapDetected";
  std::string instrument;
  events::timeframe timeframe = events::timeframe::m1;
  std::int64_t from_ns = 0;  // first missing bar start
  std::int64_t to_ns = 0;    // last missing bar start
  std::int64_t missing = 0;
  STRIKE_FIELDS(instrument, timeframe, from_ns, to_ns, missing)
  bool operator==(const bar_gap_detected&) const = default;
};

struct bar_gap_filled {
  static constexpr std::string_view type_name = "BarGapFilled";
  std::string instrument;
  events::timeframe timeframe = events::timeframe::m1;
  std::int64_t from_ns = 0;
  std::int64_t to_ns = 0;
  std::int64_t bars = 0;  // bars recovered from the broker
  STRIKE_FIELDS(instrument, timeframe, from_ns, to_ns, bars)
  bool operator==(const bar_gap_filled&) const = default;
};

struct signal_raised {
  static constexpr std::string_view type_name = "SignalRaised";
  std::string strategy;
  std::string instrument;  // what the signal is about (the underlying or the option held)
  signal_action action = signal_action::enter_long;
  std::string reason;
  double strength = 0;  // strategy-defined confidence, for the record
  STRIKE_FIELDS(strategy, instrument, action, reason, strength)
  bool operator==(const signal_raised&) const = default;
};

struct entry_filtered {
  static constexpr std::string_view type_name = "EntryFiltered";
  std::string strategy;
  std::string instrument;
  std::string filter;  // the filter's name, e.g. "rsi_band"
  double value = 0;    // what was measured
  double limit = 0;    // the threshold it failed
  std::string detail;
  STRIKE_FIELDS(strategy, instrument, filter, value, limit, detail)
  bool operator==(const entry_filtered&) const = default;
};

}  // namespace strike::events
