// A TLS server for HTTP-level tests of the client: it answers each request with the next
// canned reply (status, body, delay, or closing without a reply) and counts connections and
// requests. Runs on its own thread; real TLS on 127.0.0.x with a fresh self-signed certificate
// valid for 127.0.0.1 and localhost.
#pragma once

#include <atomic>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

namespace strike::test {

struct canned_reply {
  unsigned status = 200;
  std::string body;
  std::string content_type = "application/json";
  int delay_ms = 0;         // real delay before answering
  bool close_instead = false;  // close the connection without a reply
};

class canned_server {
 public:
  // Listens on address:0. Replies not queued default to a 200 SmartAPI success envelope.
  explicit canned_server(const std::string& address = "127.0.0.1");
  ~canned_server();

  void push(canned_reply r);
  std::uint16_t port() const { return port_; }
  const std::string& certificate_pem() const { return cert_pem_; }
  int connections() const { return connections_.load(); }
  int requests() const { return requests_.load(); }

  struct impl;  // defined in the .cpp

 private:
  std::unique_ptr<impl> impl_;
  std::uint16_t port_ = 0;
  std::string cert_pem_;
  std::atomic<int> connections_{0};
  std::atomic<int> requests_{0};
};

}  // namespace strike::test
