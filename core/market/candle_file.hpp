// Candle files in the Angel One candle format, as text (reading the file is the caller's job):
//   JSONL: one array per line, ["2023-09-06T11:15:00+05:30", 19571.2, 19573.35, 19534.4, 19552.05,
//   0] CSV:   a header "timestamp,open,high,low,close,volume", then one candle per line
// Both may carry a seventh column, open interest ("oi" in the CSV header). Prices are rupees
// and become exact paise (decimal_text.hpp); volume and oi must be whole numbers.
//
// parse_candles() checks each row on its own (shape, every field, high >= low, open and close
// within [low, high]); check_candles() then checks the rows together (order, duplicates, the
// period and the 09:15-anchored grid, the session, trading days, gaps). Every problem is kept,
// each with its line and field, so a file is reported completely in one pass.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/market/bar.hpp"
#include "core/market/bar_grid.hpp"
#include "core/session/trading_calendar.hpp"

namespace strike::core::market {

enum class candle_format { csv, jsonl };

struct candle_problem {
  int line = 0;       // 1-based; 0 for the file as a whole
  std::string field;  // "timestamp", "open", "high", "low", "close", "volume", "oi", or "line"
  std::string message;
  bool warning = false;  // worth knowing, but the candle is usable
};

struct candle_row {
  int line = 0;
  bar value;
};

struct candle_data {
  std::string name;  // for messages: "name:line:field: message"
  candle_format format = candle_format::csv;
  bool has_oi = false;
  std::vector<candle_row> rows;  // rows that passed the single-row checks, in file order
  std::vector<std::int64_t>
      starts;  // every timestamp that parsed, bad rows' too (to tell the period)
  std::vector<candle_problem> problems;

  std::size_t errors() const;
  std::size_t warnings() const;
  // "name:line:field: message" (with "warning: " before warnings), sorted by line.
  std::vector<std::string> report() const;
};

// From the name's extension (.csv, .jsonl, .json); otherwise JSONL if the text starts with '['.
candle_format guess_format(std::string_view name, std::string_view text);

candle_data parse_candles(std::string_view text, std::string name, candle_format format);

struct candle_series {
  std::optional<bar_period> period;  // nullopt when it could not be told
  std::vector<bar> bars;             // usable candles, in start order (daily ones start at 09:15)
};

struct check_options {
  std::optional<bar_period> period;            // the file's period; inferred when absent
  const trading_calendar* calendar = nullptr;  // for trading-day warnings; none when null
  bar_grid grid;
};

// Adds the problems found across rows to data.problems and returns the usable candles.
candle_series check_candles(candle_data& data, const check_options& options);

}  // namespace strike::core::market
