// A blocking plain-HTTP/1.1 request over loopback, for tests that talk to the simulator's admin
// endpoint and the daemon's status endpoint. Reads until the server closes the connection
// (Connection: close). Socket timeouts of 10 s make a broken server fail a test, not hang it.
#pragma once

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <cstdint>
#include <string>

namespace strike::test {

struct plain_reply {
  unsigned status = 0;  // 0: no reply
  std::string body;
};

inline plain_reply plain_request(std::uint16_t port, const std::string& method,
                                 const std::string& target, const std::string& body = "") {
  plain_reply reply;
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return reply;
  timeval tv{10, 0};
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  ::setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(port);
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    ::close(fd);
    return reply;
  }
  const std::string request =
      method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n" +
      "Content-Type: application/json\r\nContent-Length: " + std::to_string(body.size()) +
      "\r\n\r\n" + body;
  if (::send(fd, request.data(), request.size(), MSG_NOSIGNAL) !=
      static_cast<ssize_t>(request.size())) {
    ::close(fd);
    return reply;
  }
  std::string raw;
  char buf[8192];
  for (ssize_t n; (n = ::recv(fd, buf, sizeof buf, 0)) > 0;)
    raw.append(buf, static_cast<std::size_t>(n));
  ::close(fd);
  if (raw.rfind("HTTP/1.1 ", 0) != 0 || raw.size() < 12) return reply;
  reply.status = static_cast<unsigned>(std::stoi(raw.substr(9, 3)));
  const auto header_end = raw.find("\r\n\r\n");
  if (header_end == std::string::npos) return reply;
  std::string rest = raw.substr(header_end + 4);
  const auto headers = raw.substr(0, header_end);
  if (headers.find("Transfer-Encoding: chunked") != std::string::npos ||
      headers.find("transfer-encoding: chunked") != std::string::npos) {
    std::string decoded;
    std::size_t at = 0;
    while (at < rest.size()) {
      const auto line_end = rest.find("\r\n", at);
      if (line_end == std::string::npos) break;
      const std::size_t size = std::stoul(rest.substr(at, line_end - at), nullptr, 16);
      if (size == 0) break;
      decoded.append(rest, line_end + 2, size);
      at = line_end + 2 + size + 2;
    }
    rest = decoded;
  }
  reply.body = std::move(rest);
  return reply;
}

}  // namespace strike::test
