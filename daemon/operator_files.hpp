// The operator's files in the state directory, looked at on every heartbeat:
// - KILL: while it is there trading is halted and flattened, across restarts; removing it lifts
//   that halt. SIGUSR1 writes it.
// - RESUME: consumed; every halt in force lifts, each by its own reason, except the kill switch
//   while KILL is there.
//
// Reactor thread only.
#pragma once

#include <filesystem>
#include <string>

#include "core/state.hpp"
#include "core/trading/trading_engine.hpp"

namespace strike::daemon {

class operator_files {
 public:
  explicit operator_files(std::filesystem::path state_dir) : dir_(std::move(state_dir)) {}

  void check(const core::state& state, core::trading::trading_engine& engine);
  // Writes KILL (so the halt survives restarts), then halts through engine when there is one.
  void engage_kill_switch(const std::string& source, core::trading::trading_engine* engine);

 private:
  void check_kill(const core::state& state, core::trading::trading_engine& engine);
  void check_resume(const core::state& state, core::trading::trading_engine& engine);

  std::filesystem::path dir_;
  bool kill_seen_ = false;
};

}  // namespace strike::daemon
