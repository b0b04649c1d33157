// Command-line arguments of one subcommand: named options, flags and positionals. Each is
// taken once by name; whatever nobody took is reported by unused(), so typos are errors.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace strike::daemon {

class args {
 public:
  args(std::vector<std::string> tokens) : tokens_(std::move(tokens)), used_(tokens_.size()) {}

  // "--name VALUE" or "--name=VALUE".
  std::optional<std::string> option(std::string_view name);
  // "--name" present.
  bool flag(std::string_view name);
  // Tokens not taken by option() or flag(); call after those.
  std::vector<std::string> positionals();
  // The first token nobody took, if any.
  std::optional<std::string> unused() const;

 private:
  std::vector<std::string> tokens_;
  std::vector<bool> used_;
};

// A whole number from low to high, all of text; nullopt otherwise.
std::optional<int> whole_number(const std::string& text, int low, int high);

// "90s", "5m", "2h", "250ms", or a plain number of seconds.
std::optional<std::chrono::milliseconds> parse_duration(std::string_view text);

}  // namespace strike::daemon
