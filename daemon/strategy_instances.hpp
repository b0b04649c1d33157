// Builds every configured strategy instance: its strategy from the registry, with the
// underlying's name and index offered to its parameters.
#pragma once

#include <memory>
#include <vector>

#include "base/result.hpp"
#include "core/engine/session_engine.hpp"
#include "core/strategy/strategy.hpp"
#include "daemon/runtime_config.hpp"

namespace strike::daemon {

struct built_instances {
  std::vector<std::unique_ptr<core::strategy::strategy>> strategies;
  std::vector<core::engine::strategy_instance> instances;  // into strategies, in config order

  // The instances' names, comma-separated, for a log line.
  std::string names() const;
};

// Fails on the first instance whose strategy is unknown or whose parameters are bad, naming it.
result<built_instances> make_strategy_instances(const runtime_sections& r);

// The underlyings the instances trade, each once, in config order: an instance's own, else the
// one whose index its strategy follows; NIFTY when none does.
std::vector<core::trading::underlying_spec> traded_underlyings(
    const runtime_sections& r, const std::vector<core::engine::strategy_instance>& instances);

// Their names ("NIFTY", "BANKNIFTY"), for a backtest market to print.
std::vector<std::string> underlying_names(const std::vector<core::trading::underlying_spec>& u);

}  // namespace strike::daemon
