// The session tokens on disk, so a restart reuses a valid session instead of logging in again.
// One small JSON file in the state directory, mode 0600, replaced atomically. It names the
// account only by a fingerprint (SHA-256 of client code and server), so tokens from another
// account or from the simulator are never reused against the real broker.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "brokers/angelone/parsers.hpp"
#include "base/result.hpp"

namespace strike::brokers::angelone {

struct stored_session {
  session_tokens tokens;
  std::string fingerprint;
  std::int64_t obtained_ns = 0;     // UTC
  std::int64_t valid_until_ns = 0;  // UTC
};

std::string session_fingerprint(std::string_view client_code, std::string_view server);

// Writes atomically with mode 0600.
status save_session(const std::filesystem::path& file, const stored_session& s);
// nullopt when the file is absent. An error when it is unreadable, malformed, or readable by
// anyone but its owner (tokens in a world-readable file are treated as compromised).
result<std::optional<stored_session>> load_session(const std::filesystem::path& file);
// Removes the file; absent is fine.
status forget_session(const std::filesystem::path& file);

}  // namespace strike::brokers::angelone
