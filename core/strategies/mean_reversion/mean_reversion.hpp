// Mean reversion on NIFTY options: fade a stretch of the index from its Kalman mean when the
// market is ranging.
//
// At each close of an entry-timeframe bar of the index it updates a Kalman mean of the closes,
// the z-score of the close against it and an ADX. A close stretched down (z <= -entry_z) buys
// the at-the-money call, one stretched up (z >= entry_z) the at-the-money put, of the nearest
// weekly expiry (the next one on expiry day after the roll time) — only while ADX is below
// adx_max (no fading a trend), VIX is in range, inside the entry window, not halted, with no
// position or working entry of its own instance and out of the cooldown after its own last
// exit. A position is exited when z comes back within exit_z of zero or past it, or after
// max_hold_bars entry bars; its stop, trailing stop and end-of-day exit belong to the trading
// engine. Every rejection is an EntryFiltered event naming its filter. docs/strategy.md has the
// rules in full.
#pragma once

#include <optional>
#include <string>

#include "core/strategies/mean_reversion/mean_reversion_params.hpp"
#include "core/strategies/mean_reversion/reversion_tracker.hpp"
#include "core/strategy/strategy.hpp"

namespace strike::core::strategies {

class mean_reversion final : public core::strategy::strategy {
 public:
  static constexpr std::string_view strategy_name = "mean_reversion";

  explicit mean_reversion(mean_reversion_params p);

  std::string_view name() const override { return strategy_name; }
  std::vector<std::string> instruments() const override;
  std::vector<std::pair<events::timeframe, int>> warmup() const override;
  void rehearse(const core::strategy::snapshot& s, core::strategy::decisions& out) const override;
  void on_bar(const std::string& instrument, events::timeframe tf, const market::bar& b,
              const core::strategy::snapshot& s, bool warming,
              core::strategy::decisions& out) override;

  // For status and tests.
  const reversion_tracker& tracker() const { return tracker_; }

 private:
  // A position of this instance (opened by an entry order it placed).
  struct held_position {
    std::string instrument;
    const position_record* position = nullptr;
    bool call = true;
  };
  // The first filter that fails, with the measured value and the limit; empty when all pass.
  struct verdict {
    std::string filter;
    double value = 0;
    double limit = 0;
    std::string detail;
  };

  std::optional<held_position> held_by_us(const core::strategy::snapshot& s) const;
  void check_exit(const held_position& h, const core::strategy::snapshot& s,
                  core::strategy::decisions& out) const;
  void enter(const core::strategy::snapshot& s, std::int64_t bar_start_ns,
             core::strategy::decisions& out) const;
  // The signal and the entry, once every filter has passed.
  void add_entry(const core::strategy::option_contract& contract, bool call,
                 std::int64_t bar_start_ns, core::strategy::decisions& out) const;
  // The filters in the order an entry meets them: the instance's standing (warm-up, halts, the
  // entry window, an entry working, the cooldown), the signal's own (the stretch, the trend) and
  // the market's (VIX, the contract and its quote).
  verdict filters(const core::strategy::snapshot& s, bool call,
                  std::optional<core::strategy::option_contract>& contract) const;
  verdict standing(const core::strategy::snapshot& s) const;
  verdict signal_filters(bool call) const;
  verdict market_filters(const core::strategy::snapshot& s, bool call,
                         std::optional<core::strategy::option_contract>& contract) const;
  std::optional<core::strategy::option_contract> pick_contract(const core::strategy::snapshot& s,
                                                               bool call) const;

  mean_reversion_params p_;
  std::int64_t bar_ns_;  // the entry timeframe's length
  reversion_tracker tracker_;
  // The start of the entry bar being formed: what the next decision's basis names.
  std::int64_t next_bar_start_ns_ = 0;
};

}  // namespace strike::core::strategies
