// Where a secret comes from. Secrets (client code, PIN, TOTP secret, API key) never live in
// the config file; the config names a source instead:
//   "env:NAME"         the environment variable NAME
//   "file:PATH"        the first line of the file PATH (relative to the config file)
//   "credential:NAME"  the systemd credential NAME ($CREDENTIALS_DIRECTORY/NAME)
#pragma once

#include <filesystem>
#include <optional>
#include <string>

#include "base/result.hpp"

namespace strike::daemon {

struct secret_source {
  enum class kind { env, file, credential } from = kind::env;
  std::string name;  // variable name, path, or credential name
  std::string describe() const;  // "env:NAME" — safe to log, holds no secret
};

// Parses a source reference; relative file paths are resolved against base_dir. Returns an
// error message for anything else, including what looks like a literal secret.
result<secret_source> parse_secret_source(const std::string& text,
                                          const std::filesystem::path& base_dir);

// Reads the secret. Error messages name the source, never the value.
result<std::string> read_secret(const secret_source& source);

}  // namespace strike::daemon
