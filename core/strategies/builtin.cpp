// Every strategy that ships with Strike, by the name the config uses.
#include "core/strategies/ma_crossover/ma_crossover.hpp"
#include "core/strategies/mean_reversion/mean_reversion.hpp"
#include "core/strategies/trend_alignment/trend_alignment.hpp"
#include "core/strategy/registry.hpp"

namespace strike::core::strategy {

const registry& builtin_strategies() {
  static const registry r = [] {
    registry out;
    out.add(std::string(strategies::trend_alignment::strategy_name),
            [](params& p) -> result<std::unique_ptr<strategy>> {
              return std::unique_ptr<strategy>(std::make_unique<strategies::trend_alignment>(
                  strategies::read_trend_alignment_params(p)));
            });
    out.add(std::string(strategies::ma_crossover::strategy_name),
            [](params& p) -> result<std::unique_ptr<strategy>> {
              return std::unique_ptr<strategy>(std::make_unique<strategies::ma_crossover>(
                  strategies::read_ma_crossover_params(p)));
            });
    out.add(std::string(strategies::mean_reversion::strategy_name),
            [](params& p) -> result<std::unique_ptr<strategy>> {
              return std::unique_ptr<strategy>(std::make_unique<strategies::mean_reversion>(
                  strategies::read_mean_reversion_params(p)));
            });
    return out;
  }();
  return r;
}

}  // namespace strike::core::strategy
