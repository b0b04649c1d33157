// The lines a foreground run prints when it stops: the day's trades and P&L, and where the
// journal is.
#pragma once

#include <filesystem>

#include "core/state.hpp"

namespace strike::daemon {

void print_run_summary(const core::state& s, const std::filesystem::path& journal);

}  // namespace strike::daemon
