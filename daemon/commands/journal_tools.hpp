// striked journal tail and stats.
#pragma once

#include <filesystem>
#include <string_view>

#include "daemon/commands/args.hpp"

namespace strike::daemon {

int journal_tail(args& a);
int journal_stats(args& a);

// The event type named in an encoded line, without decoding it; empty if not found.
std::string_view line_type(std::string_view line);

}  // namespace strike::daemon
