// Blocking plain-HTTP requests to the simulator's admin endpoint (fault knobs, status), with
// kernel timeouts of 10 s so a broken server fails a test instead of hanging it.
#pragma once

#include <cstdint>
#include <string>

namespace strike::test {

struct admin_reply {
  unsigned status = 0;
  std::string body;
};

admin_reply admin_request(std::uint16_t port, const std::string& method, const std::string& target,
                          const std::string& body = "");

}  // namespace strike::test
