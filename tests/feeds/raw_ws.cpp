#include "tests/feeds/raw_ws.hpp"

#include <sys/socket.h>
#include <sys/time.h>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/beast/core/buffers_to_string.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>
#include <boost/beast/websocket.hpp>
#include <boost/beast/websocket/ssl.hpp>

namespace strike::test {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace websocket = beast::websocket;

struct raw_ws::impl {
  asio::io_context io;
  asio::ssl::context tls{asio::ssl::context::tls_client};
  std::unique_ptr<websocket::stream<beast::ssl_stream<asio::ip::tcp::socket>>> ws;
  std::uint16_t port;
};

raw_ws::raw_ws(std::uint16_t port, const std::string& certificate_pem) : impl_(std::make_unique<impl>()) {
  impl_->port = port;
  impl_->tls.add_certificate_authority(asio::buffer(certificate_pem));
  impl_->tls.set_verify_mode(asio::ssl::verify_peer);
}

raw_ws::raw_ws(raw_ws&&) noexcept = default;
raw_ws& raw_ws::operator=(raw_ws&&) noexcept = default;

raw_ws::~raw_ws() {
  if (impl_ && impl_->ws) {
    boost::system::error_code ec;
    beast::get_lowest_layer(*impl_->ws).close(ec);
  }
}

unsigned raw_ws::open(const std::string& target, const headers& h) {
  impl_->ws = std::make_unique<websocket::stream<beast::ssl_stream<asio::ip::tcp::socket>>>(impl_->io, impl_->tls);
  auto& ws = *impl_->ws;
  auto& socket = beast::get_lowest_layer(ws);
  socket.connect({asio::ip::make_address("127.0.0.1"), impl_->port});
  timeval limit{10, 0};
  ::setsockopt(socket.native_handle(), SOL_SOCKET, SO_RCVTIMEO, &limit, sizeof limit);
  ::setsockopt(socket.native_handle(), SOL_SOCKET, SO_SNDTIMEO, &limit, sizeof limit);
  ws.next_layer().handshake(asio::ssl::stream_base::client);
  ws.set_option(websocket::stream_base::decorator([h](websocket::request_type& req) {
    for (const auto& [k, v] : h) req.set(k, v);
  }));
  websocket::response_type res;
  boost::system::error_code ec;
  // Beast 1.74's blocking handshake leaves the response empty when the upgrade is declined;
  // the asynchronous one fills it.
  ws.async_handshake(res, "127.0.0.1:" + std::to_string(impl_->port), target,
                     [&ec](boost::system::error_code e) { ec = e; });
  impl_->io.restart();
  impl_->io.run();
  if (!ec) return 0;
  refusal_ = std::string(res["x-error-message"]);
  return res.result_int() != 0 ? res.result_int() : 1;
}

void raw_ws::send_text(const std::string& text) {
  impl_->ws->text(true);
  impl_->ws->write(asio::buffer(text));
}

std::string raw_ws::read(bool& text, bool& ok) {
  beast::flat_buffer buffer;
  boost::system::error_code ec;
  impl_->ws->read(buffer, ec);
  ok = !ec;
  if (ec) return {};
  text = impl_->ws->got_text();
  return beast::buffers_to_string(buffer.data());
}

}  // namespace strike::test
