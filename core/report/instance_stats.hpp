// The statistics of each strategy instance in a journal, beside the account's: every closed
// position and filtered entry counts for the instance it names, every session for all. The
// instances' trades and P&L add up to the account's.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "core/report/trading_stats.hpp"
#include "events/event.hpp"

namespace strike::core::report {

class instance_stats_builder {
 public:
  explicit instance_stats_builder(std::int64_t capital_paise) : capital_(capital_paise) {}

  void add(const events::event& e);
  // By instance name; positions journaled without one (older journals, an adopted position)
  // under "-".
  std::map<std::string, trading_stats> result() const;

 private:
  trading_stats_builder& of(const std::string& instance);

  std::int64_t capital_;
  std::map<std::string, trading_stats_builder> builders_;
  // Session events so far, so that an instance first seen late still counts every session.
  std::vector<events::event> sessions_;
};

}  // namespace strike::core::report
