// A sweep checked against the configuration it varies, before anything runs: every value a
// parameter can take, set alone on the base configuration, must pass the configuration's own
// validation and make the strategy.
#pragma once

#include <filesystem>

#include <toml++/toml.h>

#include "base/result.hpp"
#include "daemon/optimize/sweep.hpp"

namespace strike::daemon::optimize {

// Every problem, one per line, as "sweep-file:line: name = value: what the configuration said".
// A range or list of more than max_checked points is checked at its ends and its first
// max_checked points.
status check_sweep(const sweep& s, const toml::table& base,
                   const std::filesystem::path& config_file);

inline constexpr std::size_t max_checked = 10'000;

}  // namespace strike::daemon::optimize
