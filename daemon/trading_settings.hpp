// The trading sections of the config: [ladder], [exits], [risk] (with [[risk.sizing]]),
// [charges], [vix], [paper] and [orders]. Percentages and rupees in the file become basis
// points, parts per billion and paise here, so the core only ever does integer arithmetic.
#pragma once

#include <chrono>

#include "brokers/broker_types.hpp"
#include "brokers/paper/paper_book.hpp"
#include "core/trading/trading_config.hpp"
#include "daemon/toml_reader.hpp"

namespace strike::daemon {

struct trading_settings {
  core::trading::trading_config trading;
  brokers::paper::paper_config paper;
  brokers::product product = brokers::product::carryforward;
  std::chrono::milliseconds order_poll{1000};
};

// Reads every trading section from the top-level table; problems go to the reader's errors.
void read_trading_settings(toml_reader& top, trading_settings& t);

}  // namespace strike::daemon
