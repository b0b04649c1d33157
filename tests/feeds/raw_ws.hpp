// A blocking WebSocket client over TLS for testing the simulator's endpoints byte by byte:
// upgrade with chosen headers (and see a refusal's status and x-error-message), send text,
// read messages. Socket timeouts of 10 s make a silent server fail the test.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace strike::test {

class raw_ws {
 public:
  using headers = std::vector<std::pair<std::string, std::string>>;
  raw_ws(std::uint16_t port, const std::string& certificate_pem);
  ~raw_ws();
  raw_ws(raw_ws&&) noexcept;
  raw_ws& operator=(raw_ws&&) noexcept;

  // 0 when upgraded; else the HTTP status of the refusal (refusal() has x-error-message).
  unsigned open(const std::string& target, const headers& h);
  const std::string& refusal() const { return refusal_; }

  void send_text(const std::string& text);
  // The next message; `text` says which kind it was. Empty with ok=false when the read failed.
  std::string read(bool& text, bool& ok);

 private:
  struct impl;
  std::unique_ptr<impl> impl_;
  std::string refusal_;
};

}  // namespace strike::test
