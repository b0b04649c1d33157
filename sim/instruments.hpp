// The simulated scrip master: index rows for Nifty 50, Nifty Bank and India VIX, and NIFTY and
// BANKNIFTY weekly index options (OPTIDX, NFO) around the money for the next few expiries,
// with the real file's field names and scaling (strike and tick_size x100, all values strings).
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/ist.hpp"
#include "sim/price_path.hpp"

namespace strike::sim {

struct instrument {
  std::string token;              // "99926000", "40012"
  std::string symbol;             // "Nifty 50", "NIFTY13JAN2626000CE"
  std::string name;               // "NIFTY"
  std::string expiry;             // "13JAN2026"; "" for indices
  std::string exch_seg;           // "NSE" (indices) or "NFO"
  std::string instrumenttype;     // "AMXIDX" or "OPTIDX"
  std::int64_t strike_paise = 0;  // 0 for indices
  std::int64_t lot_size = 1;
  std::int64_t tick_paise = 5;
  series underlying = series::nifty;
  bool is_index = true;
  bool call = false;  // options: CE (true) or PE
  core::civil_date expiry_date;
  std::int64_t expiry_ns = 0;  // 15:30 IST on the expiry day
  std::string option_type() const { return is_index ? "" : (call ? "CE" : "PE"); }
};

struct instrument_settings {
  int strikes_each_side = 20;      // listed strikes above and below the money
  int expiries = 4;                // weekly expiries listed from the start day on
  bool banknifty_monthly = false;  // list BANKNIFTY's monthly (last Tuesday) expiries instead
};

// Lot sizes by expiry date (NSE circular of 3 Oct 2025: from the January 2026 expiries NIFTY
// 75 -> 65 and BANKNIFTY 35 -> 30). Kept here, in one place, to change when NSE does.
std::int64_t lot_size_for(series s, core::civil_date expiry);
// The most units of an underlying's options one order may carry (the exchange's freeze
// quantity); a larger order is rejected.
std::int64_t freeze_qty_for(series s);

// "13JAN2026" / "13JAN26".
std::string expiry_text(core::civil_date d);
std::string expiry_text_short(core::civil_date d);

class instrument_master {
 public:
  // Lists options around each underlying's level at the start (atm), from start_day on.
  // with_json: build the scrip-master JSON now (a server does; a backtest listing a day's
  // contracts asks for it only when it writes a master, with make_json).
  instrument_master(const instrument_settings& settings, core::civil_date start_day,
                    double nifty_atm, double banknifty_atm, bool with_json = true);

  const instrument* by_token(std::string_view token) const;
  const instrument* by_symbol(std::string_view symbol) const;
  const instrument* index_of(series s) const;
  const std::vector<instrument>& all() const { return rows_; }

  // The scrip-master JSON array, built once (empty unless built with_json).
  const std::string& json() const { return json_; }
  // The array as the exchange publishes it on listed_on: options that expired before that day
  // are gone (the default date lists every row).
  std::string make_json(core::civil_date listed_on = {}) const;

 private:
  void add_index(series s, std::string token, std::string symbol, std::string name);
  void add_options(series s, const instrument_settings& settings, core::civil_date start_day,
                   double atm, std::int64_t step, int first_token);

  std::vector<instrument> rows_;
  std::map<std::string, std::size_t, std::less<>> by_token_;
  std::map<std::string, std::size_t, std::less<>> by_symbol_;
  std::string json_;
};

}  // namespace strike::sim
