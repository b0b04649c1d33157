// Maps the config's `strategy = "..."` to a strategy. Strategies register themselves in
// core/strategies/builtin.cpp; the core knows none of them by name.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "base/result.hpp"
#include "core/strategy/params.hpp"
#include "core/strategy/strategy.hpp"

namespace strike::core::strategy {

// Builds a strategy from its parameters; errors list every bad parameter.
using factory = std::function<result<std::unique_ptr<strategy>>(params&)>;

class registry {
 public:
  void add(std::string name, factory make);
  result<std::unique_ptr<strategy>> make(const std::string& name, params& p) const;
  std::vector<std::string> names() const;

 private:
  std::vector<std::pair<std::string, factory>> factories_;
};

// The registry holding every built-in strategy.
const registry& builtin_strategies();

}  // namespace strike::core::strategy
