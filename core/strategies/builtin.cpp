// Every strategy that ships with Strike, by the name the config uses.
#include "core/strategies/trend_alignment/trend_alignment.hpp"
#include "core/strategy/registry.hpp"

namespace strike::core::strategy {

const registry& builtin_strategies() {
  static const registry r = [] {
    registry out;
    out.add(std::string(strategies::trend_alignment::strategy_name), [](params& p) -> result<std::unique_ptr<strategy>> {
      return std::unique_ptr<strategy>(std::make_unique<strategies::trend_alignment>(strategies::read_trend_alignment_params(p)));
    });
    return out;
  }();
  return r;
}

}  // namespace strike::core::strategy
