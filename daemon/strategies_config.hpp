// The [[strategies]] instances and the [underlyings.NAME] table.
//
// Each instance is a name, a strategy type, the underlying it trades, its parameters and its
// own limits under the account's. A config with the older single [strategy] section is one
// instance, named after its strategy, with no limits of its own.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/strategy/params.hpp"
#include "core/trading/underlyings.hpp"
#include "daemon/toml_reader.hpp"

namespace strike::daemon {

struct strategy_instance_section {
  std::string name;        // tags its decisions and orders; unique
  std::string strategy;    // the registered strategy type
  std::string underlying;  // a key of the underlyings table; empty: the strategy's default
  core::strategy::params params;
  double capital_pct = 0;          // share of [risk] capital_rupees; 0: none of its own
  std::int64_t max_positions = 0;  // 0: only the account's limit
  double daily_loss_pct = 0;       // of its capital share; 0: only the account's limit
};

// The strategy parameters of a TOML table, as the strategy will read them.
core::strategy::params read_strategy_params(toml_reader& r, std::string_view key);

// [underlyings.NAME]: the built-in table with the config's entries added or replacing.
std::vector<core::trading::underlying_spec> read_underlyings(toml_reader& top);

// [[strategies]]; empty when the config has none.
std::vector<strategy_instance_section> read_strategy_instances(
    toml_reader& top, const std::vector<core::trading::underlying_spec>& underlyings);

}  // namespace strike::daemon
