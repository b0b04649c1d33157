#include "tests/brokers/plain_http.hpp"

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http.hpp>
#include <sys/socket.h>
#include <sys/time.h>

namespace strike::test {

namespace beast = boost::beast;
namespace bhttp = boost::beast::http;

http_reply plain_http_request(std::uint16_t port, const std::string& method, const std::string& target,
                              const std::string& body) {
  boost::asio::io_context io;
  boost::asio::ip::tcp::socket stream(io);
  boost::system::error_code ec;
  stream.connect(boost::asio::ip::tcp::endpoint(boost::asio::ip::make_address("127.0.0.1"), port), ec);
  if (ec) return {};
  // Blocking reads and writes ignore Asio deadlines; the kernel's timeouts bound them.
  timeval limit{10, 0};
  ::setsockopt(stream.native_handle(), SOL_SOCKET, SO_RCVTIMEO, &limit, sizeof limit);
  ::setsockopt(stream.native_handle(), SOL_SOCKET, SO_SNDTIMEO, &limit, sizeof limit);
  bhttp::request<bhttp::string_body> req{bhttp::string_to_verb(method), target, 11};
  req.set(bhttp::field::host, "127.0.0.1");
  req.set(bhttp::field::content_type, "application/json");
  req.body() = body;
  req.prepare_payload();
  bhttp::write(stream, req, ec);
  if (ec) return {};
  beast::flat_buffer buffer;
  bhttp::response<bhttp::string_body> res;
  bhttp::read(stream, buffer, res, ec);
  if (ec) return {};
  return {res.result_int(), std::move(res.body())};
}

}  // namespace strike::test
