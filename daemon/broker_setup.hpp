// From the [broker] section to a working broker client: the Angel One client's settings and
// its credentials, read from their sources.
#pragma once

#include <filesystem>

#include "brokers/angelone/client_settings.hpp"
#include "brokers/angelone/credentials.hpp"
#include "base/result.hpp"
#include "daemon/broker_config.hpp"

namespace strike::daemon {

// The Angel One client's settings from the section.
brokers::angelone::client_settings angelone_settings(const broker_section& b,
                                                     const std::filesystem::path& state_dir);

// Reads every credential from its source. Errors name the source, never a value.
result<brokers::angelone::credentials> read_credentials(const broker_section& b);

}  // namespace strike::daemon
