// The binary under test and the configuration it ships with, as the build names them.
#pragma once

#include <string>

namespace strike::test {

inline const std::string striked = STRIKED_PATH;
inline const std::string shipped_config = std::string(STRIKE_SOURCE_DIR) + "/config.toml";

}  // namespace strike::test
