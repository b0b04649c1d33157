// Market days made up from the simulator's market model, with no network: NIFTY and India VIX
// from the seeded price path, and the NIFTY weekly options around the money priced from them
// (Black-Scholes on the index with VIX as the volatility, a spread around the price). The same
// seed gives the same days on every machine, so a new user can backtest a year out of the box.
//
// Each day lists its own contracts (the expiries from that day on, strikes around its open), as
// the broker's instrument master would; it is also the strategy's option chain.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "backtest/market_source.hpp"
#include "core/ist.hpp"
#include "core/market/bar.hpp"
#include "core/market/tick.hpp"
#include "core/strategy/strategy.hpp"
#include "core/trading/quote.hpp"

namespace strike::sim {
class price_path;
class instrument_master;
class market;
struct instrument;
}  // namespace strike::sim

namespace strike::backtest {

struct synthetic_options {
  std::uint64_t seed = 1;
  core::civil_date anchor;  // the first day; levels are anchored at its open
  double nifty_open = 26000;
  double banknifty_open = 59000;
  double vix_open = 13;
  int band_strikes = 5;  // strikes each side of the money quoted, calls and puts
  // The underlyings printed, with their options: "NIFTY", "BANKNIFTY".
  std::vector<std::string> underlyings{"NIFTY"};
};

class synthetic_market final : public market_source {
 public:
  explicit synthetic_market(synthetic_options options);
  ~synthetic_market() override;

  // Lists day d's contracts; the options quoted are those nearest the money on the two
  // nearest expiries.
  status begin_day(core::civil_date d) override;
  void prints_at(std::int64_t t, const std::set<std::string>& also,
                 std::vector<market_print>& out) override;
  std::vector<core::market::bar> history(events::timeframe tf, int count,
                                         core::civil_date d) override;
  std::vector<core::market::bar> index_history(const std::string& instrument, events::timeframe tf,
                                               int count, core::civil_date d) override;
  std::string index_of(std::string_view underlying) const override;

  std::vector<std::string> expiries(std::string_view underlying, std::string_view from_date,
                                    std::size_t most) const override;
  std::optional<core::strategy::option_contract> nearest(std::string_view underlying,
                                                         std::string_view expiry,
                                                         std::int64_t strike_paise,
                                                         bool call) const override;

  // The day's instrument master, in Angel One's format (begin_day first).
  const std::string& master_json() const;

  static constexpr const char* index_instrument = "NSE:99926000";
  static constexpr const char* banknifty_instrument = "NSE:99926009";
  static constexpr const char* vix_instrument = "NSE:99926017";

 private:
  void add_print(const std::string& instrument, std::int64_t t, std::vector<market_print>& out);
  bool printing(std::string_view underlying) const;

  synthetic_options options_;
  std::unique_ptr<sim::price_path> path_;
  std::unique_ptr<sim::instrument_master> instruments_;
  mutable std::string master_json_;  // the day's master, made when first asked for
  std::unique_ptr<sim::market> market_;
  // The day's contracts by (underlying, expiry "YYYY-MM-DD", call), ascending by strike.
  std::map<std::tuple<std::string, std::string, bool>, std::vector<const sim::instrument*>> chain_;
  std::map<std::string, std::vector<std::string>, std::less<>> expiries_;  // ascending
};

}  // namespace strike::backtest
