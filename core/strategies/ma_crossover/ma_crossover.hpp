// A plain moving-average crossover: a fast and a slow simple moving average of one instrument's
// closes on one timeframe, and a SignalRaised each time the fast one crosses the slow one —
// enter_long when it crosses above, enter_short when it crosses below. It only signals: it asks
// for no entries or exits, so the trading engine places nothing on its account. The rules are
// written out in docs/strategy.md.
//
// The closes are integer paise and the averages exact (crossover_tracker.hpp), so the same bars
// always give the same crossings. A bar costs O(1) and allocates nothing; only a crossing builds
// a signal.
#pragma once

#include "core/strategies/ma_crossover/crossover_tracker.hpp"
#include "core/strategies/ma_crossover/ma_crossover_params.hpp"
#include "core/strategy/strategy.hpp"

namespace strike::core::strategies {

class ma_crossover final : public core::strategy::strategy {
 public:
  static constexpr std::string_view strategy_name = "ma_crossover";

  explicit ma_crossover(ma_crossover_params p);

  std::string_view name() const override { return strategy_name; }
  std::vector<std::string> instruments() const override { return {p_.instrument}; }
  std::vector<std::pair<events::timeframe, int>> warmup() const override;
  void on_bar(const std::string& instrument, events::timeframe tf, const market::bar& b,
              const core::strategy::snapshot& s, bool warming,
              core::strategy::decisions& out) override;

  // For status and tests.
  const crossover_tracker& averages() const { return tracker_; }

 private:
  void signal(crossing c, core::strategy::decisions& out) const;

  ma_crossover_params p_;
  crossover_tracker tracker_;
  // Written once: a crossing copies them instead of formatting.
  std::string above_reason_;
  std::string below_reason_;
};

}  // namespace strike::core::strategies
