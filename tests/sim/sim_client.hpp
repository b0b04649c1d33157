// A small blocking HTTP/1.1 client for the simulator tests: TLS with the simulator's own
// certificate as the only trusted CA (and the 127.0.0.1 IP checked against it), or plain HTTP
// for the admin endpoint. One keep-alive connection, reopened after the server closes it;
// a request is never resent.
// Socket reads and writes time out after 10 s so a broken server fails a test, never hangs it.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace strike::test {

struct http_reply {
  unsigned status = 0;          // 0 when the connection closed without a reply
  std::string content_type;
  std::string body;
  bool closed_without_reply() const { return status == 0; }
};

class sim_client {
 public:
  // ca_pem empty: plain HTTP.
  sim_client(std::uint16_t port, std::string ca_pem = {});
  ~sim_client();
  sim_client(sim_client&&) noexcept;

  http_reply request(const std::string& method, const std::string& target, const std::string& body,
                     const std::vector<std::pair<std::string, std::string>>& headers);

  // SmartAPI calls with the headers the official SDKs send; jwt, when set, goes in
  // "Authorization: Bearer".
  http_reply api_post(const std::string& path, const std::string& body);
  http_reply api_get(const std::string& path);

  std::string api_key = "testkey1";
  std::string jwt;

 private:
  struct connection;
  std::unique_ptr<connection> conn_;
  std::uint16_t port_;
  std::string ca_pem_;
};

}  // namespace strike::test
