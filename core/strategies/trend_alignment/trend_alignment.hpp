// The reference strategy: NIFTY options on multi-timeframe trend alignment.
//
// The daily and the hourly trend must agree (price against a sloping EMA, +DI/−DI direction);
// then, at each close of an entry-timeframe bar, ten filters must pass — hourly ADX strong
// enough, hourly RSI in its band, price near enough the hourly EMA, on the right side of the
// session VWAP, VIX in range, inside the entry window, not halted, no position already, out of
// the cooldown, and an option to buy with a live quote. A bullish alignment buys the
// at-the-money call, a bearish one the at-the-money put, of the nearest weekly expiry (the next
// one on expiry day after the roll time). A position is exited when its alignment is lost; its
// stop, trailing stop and end-of-day exit belong to the trading engine. Every rejection is an
// EntryFiltered event naming its filter. The rules are written out in docs/strategy.md.
#pragma once

#include "core/market/vwap.hpp"
#include "core/strategies/trend_alignment/trend_alignment_params.hpp"
#include "core/strategies/trend_alignment/trend_tracker.hpp"
#include "core/strategy/strategy.hpp"

namespace strike::core::strategies {

class trend_alignment final : public core::strategy::strategy {
 public:
  static constexpr std::string_view strategy_name = "trend_alignment";

  explicit trend_alignment(trend_alignment_params p);

  std::string_view name() const override { return strategy_name; }
  std::vector<std::string> instruments() const override;
  std::vector<std::pair<events::timeframe, int>> warmup() const override;
  void rehearse(const core::strategy::snapshot& s, core::strategy::decisions& out) const override;
  void on_bar(const std::string& instrument, events::timeframe tf, const market::bar& b,
              const core::strategy::snapshot& s, bool warming,
              core::strategy::decisions& out) override;

  // For status and tests.
  trend daily_trend() const { return daily_.direction(last_price_); }
  trend hourly_trend() const { return hourly_.direction(last_price_); }

 private:
  void evaluate(const core::strategy::snapshot& s, std::int64_t bar_start_ns,
                core::strategy::decisions& out);
  bool held_by_us(const core::strategy::snapshot& s, std::string& instrument, bool& is_call) const;
  // The first filter that fails, with the measured value and the limit; empty when all pass.
  struct verdict {
    std::string filter;
    double value = 0;
    double limit = 0;
    std::string detail;
  };
  // The filters in the order an entry meets them: the instance's standing (warm-up, halts, the
  // entry window, a position or entry of its own, the cooldown), the signal's own (the trends,
  // ADX, RSI, the distance from the EMA, the VWAP's side) and the market's (VIX, the contract
  // and its quote).
  verdict filters(const core::strategy::snapshot& s, trend direction, std::int64_t now_ns,
                  std::optional<core::strategy::option_contract>& contract) const;
  verdict standing(const core::strategy::snapshot& s, std::int64_t now_ns) const;
  verdict signal_filters(trend direction) const;
  verdict market_filters(const core::strategy::snapshot& s, bool bull, std::int64_t now_ns,
                         std::optional<core::strategy::option_contract>& contract) const;
  // The signal and the entry, once every filter has passed.
  void add_entry(const core::strategy::option_contract& contract, bool bull,
                 std::int64_t bar_start_ns, core::strategy::decisions& out) const;
  std::optional<core::strategy::option_contract> pick_contract(const core::strategy::snapshot& s,
                                                               bool call,
                                                               std::int64_t now_ns) const;

  trend_alignment_params p_;
  trend_tracker daily_;
  trend_tracker hourly_;
  market::vwap vwap_;
  market::vwap twap_;  // the index has no volume: its session VWAP is the typical-price average
  double last_price_ = 0;
  // The start of the entry bar being formed: what the next decision's basis names.
  std::int64_t next_bar_start_ns_ = 0;
};

}  // namespace strike::core::strategies
