// striked journal tail and stats.
#pragma once

#include <filesystem>
#include <string_view>

#include "daemon/commands/args.hpp"

namespace strike::daemon {

int journal_tail(args& a);
int journal_stats(args& a);

// The directory of a journal given as one of its files or as the directory itself.
std::filesystem::path journal_dir(const std::filesystem::path& file_or_dir);
// Whether that directory holds journal segments.
bool has_journal(const std::filesystem::path& file_or_dir);

// The event type named in an encoded line, without decoding it; empty if not found.
std::string_view line_type(std::string_view line);

}  // namespace strike::daemon
