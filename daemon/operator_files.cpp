#include "daemon/operator_files.hpp"

#include <spdlog/spdlog.h>

#include <fstream>
#include <vector>

namespace strike::daemon {

namespace {
constexpr std::string_view kill_file_name = "KILL";
constexpr std::string_view resume_file_name = "RESUME";
}  // namespace

void operator_files::check(const core::state& state, core::trading::trading_engine& engine) {
  check_kill(state, engine);
  check_resume(state, engine);
}

void operator_files::check_kill(const core::state& state, core::trading::trading_engine& engine) {
  const bool present = std::filesystem::exists(dir_ / kill_file_name);
  if (present && !state.risk.halted_for("kill_switch")) engine.kill_switch("file");
  if (!present && kill_seen_) engine.lift_halt("kill_switch");
  kill_seen_ = present;
}

void operator_files::check_resume(const core::state& state, core::trading::trading_engine& engine) {
  const auto file = dir_ / resume_file_name;
  std::error_code ec;
  if (!std::filesystem::exists(file, ec)) return;
  std::filesystem::remove(file, ec);
  const bool kill_file = std::filesystem::exists(dir_ / kill_file_name, ec);
  std::vector<std::string> lifted;
  for (const auto& [reason, h] : state.risk.halts)
    if (!(reason == "kill_switch" && kill_file)) lifted.push_back(reason);
  SPDLOG_WARN("{}: resuming {} halt(s){}", file.string(), lifted.size(),
              kill_file ? "; the kill switch stays (KILL is there)" : "");
  for (const auto& reason : lifted) engine.lift_halt(reason);
}

void operator_files::engage_kill_switch(const std::string& source,
                                        core::trading::trading_engine* engine) {
  std::ofstream(dir_ / kill_file_name) << "engaged by " << source << "\n";
  kill_seen_ = true;
  if (engine) engine->kill_switch(source);
}

}  // namespace strike::daemon
