// SHA-256 digests: short messages in-house (order keys), streams through OpenSSL (files).
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

#include "base/result.hpp"

namespace strike::core {

// Lower-case hex digest of data.
std::string sha256_hex(std::string_view data);
// Its first `digits` hex digits, in one allocation at most.
std::string sha256_hex(std::string_view data, std::size_t digits);

// The digest of a file's bytes, read a piece at a time.
result<std::string> file_sha256(const std::filesystem::path& path);

// A digest of data that arrives in pieces, so a large file is hashed as it is written.
class sha256_stream {
 public:
  sha256_stream();
  ~sha256_stream();
  sha256_stream(const sha256_stream&) = delete;
  sha256_stream& operator=(const sha256_stream&) = delete;

  void update(std::string_view data);
  // The lower-case hex digest of everything given; the stream starts afresh.
  std::string hex();

 private:
  struct state;
  std::unique_ptr<state> state_;
};

}  // namespace strike::core
