// Thin POSIX file helpers that report failures as strike::error with the path in the message.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include "base/result.hpp"

namespace strike::base {

// Writes all of data to fd, retrying short writes and EINTR.
status write_all(int fd, std::string_view data, const std::filesystem::path& path);

// fsyncs a directory so that a create, rename or unlink in it is durable.
status sync_directory(const std::filesystem::path& dir);

// Reads a whole file.
result<std::string> read_file(const std::filesystem::path& path);

// Replaces path with data atomically and durably: write a temporary file beside it, fsync,
// rename over path, fsync the directory. The file gets the given mode.
status write_file_atomic(const std::filesystem::path& path, std::string_view data, int mode = 0600);

// Creates dir (and parents) if missing, mode 0700 for the last component.
status ensure_directory(const std::filesystem::path& dir);

}  // namespace strike::base
