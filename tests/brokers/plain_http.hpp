// A blocking plain-HTTP/1.1 request for the tests, to the simulator's admin endpoint. One
// connection per request; reads time out after 10 s so a broken server fails a test.
#pragma once

#include <cstdint>
#include <string>

namespace strike::test {

struct http_reply {
  unsigned status = 0;
  std::string body;
};

http_reply plain_http_request(std::uint16_t port, const std::string& method, const std::string& target,
                              const std::string& body);

}  // namespace strike::test
