// The configuration as a TOML table, for tools that change a key before it is read (the
// optimiser sets one trial's parameters on the base file): the same parsing and the same
// validation as load_config.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include <toml++/toml.h>

#include "base/result.hpp"
#include "daemon/config.hpp"

namespace strike::daemon {

// Parses text; a syntax error reads "file:line:column: message".
result<toml::table> parse_config_table(std::string_view text, const std::filesystem::path& file);

// Reads and validates root as load_config does; errors name file. sha256: of the bytes root
// came from (or of what identifies a changed table).
result<config> read_config(const toml::table& root, const std::filesystem::path& file,
                           std::string sha256);

}  // namespace strike::daemon
