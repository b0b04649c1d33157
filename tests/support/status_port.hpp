// The port a running striked's status endpoint listens on ([status] port = 0 picks a free
// one), read from its start-up log line on stderr.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>

#include "tests/support/child_process.hpp"

namespace strike::test {

// 0 when the line does not come within the timeout.
inline std::uint16_t status_port_of(child_process& daemon,
                                    std::chrono::milliseconds timeout = std::chrono::seconds(30)) {
  const std::string marker = "/metrics on http://127.0.0.1:";
  while (auto line = daemon.read_stderr_line(timeout))
    if (auto at = line->find(marker); at != std::string::npos)
      return static_cast<std::uint16_t>(std::stoi(line->substr(at + marker.size())));
  return 0;
}

}  // namespace strike::test
