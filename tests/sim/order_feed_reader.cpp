#include "tests/sim/order_feed_reader.hpp"

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/beast/core/buffers_to_string.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>
#include <boost/beast/websocket.hpp>
#include <boost/beast/websocket/ssl.hpp>

namespace strike::test {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace websocket = beast::websocket;

struct order_feed_reader::impl {
  asio::io_context io;
  asio::ssl::context tls{asio::ssl::context::tls_client};
  websocket::stream<beast::ssl_stream<beast::tcp_stream>> ws{io, tls};
  beast::flat_buffer buffer;
};

order_feed_reader::order_feed_reader(std::uint16_t port, const std::string& certificate_pem,
                                     const std::string& jwt)
    : impl_(std::make_unique<impl>()) {
  impl_->tls.add_certificate_authority(asio::buffer(certificate_pem));
  impl_->tls.set_verify_mode(asio::ssl::verify_peer);
  auto& ws = impl_->ws;
  auto& tcp = beast::get_lowest_layer(ws);
  bool handshaken = false;
  tcp.expires_after(std::chrono::seconds(10));
  tcp.async_connect(
      {asio::ip::make_address("127.0.0.1"), port}, [&](boost::system::error_code connect_ec) {
        if (connect_ec) return;
        ws.next_layer().async_handshake(
            asio::ssl::stream_base::client, [&](boost::system::error_code tls_ec) {
              if (tls_ec) return;
              tcp.expires_never();  // the WebSocket's own timeouts take over
              ws.set_option(websocket::stream_base::decorator([jwt](websocket::request_type& req) {
                req.set("Authorization", "Bearer " + jwt);
              }));
              const std::string host = "127.0.0.1:" + std::to_string(port);
              ws.async_handshake(
                  host, "/smart-order-update",
                  [&](boost::system::error_code upgrade_ec) { handshaken = !upgrade_ec; });
            });
      });
  impl_->io.run_for(std::chrono::seconds(10));
  if (!handshaken) return;
  read_next();
  connected_ = read_until([&] { return greeted_ || failed_; }) && greeted_;
}

order_feed_reader::~order_feed_reader() {
  boost::system::error_code ec;
  beast::get_lowest_layer(impl_->ws).socket().close(ec);
}

void order_feed_reader::read_next() {
  impl_->ws.async_read(impl_->buffer, [this](boost::system::error_code ec, std::size_t) {
    if (ec) {
      failed_ = true;
      return;
    }
    const std::string text = beast::buffers_to_string(impl_->buffer.data());
    impl_->buffer.consume(impl_->buffer.size());
    if (!greeted_) {
      greeted_ = text.find("\"AB00\"") != std::string::npos;
    } else {
      // A message that is not JSON is kept as a null, so a test can see it arrived.
      static const std::string null_json = "null";
      simdjson::dom::element e;
      if (parsers_.emplace_back().parse(text).get(e)) e = parsers_.back().parse(null_json);
      updates_.push_back(e);
    }
    read_next();
  });
}

bool order_feed_reader::read_until(const std::function<bool()>& done,
                                   std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (!done() && !failed_) {
    const auto now = std::chrono::steady_clock::now();
    if (now >= deadline) break;
    impl_->io.restart();
    impl_->io.run_one_for(deadline - now);
  }
  return done();
}

std::deque<simdjson::dom::element> order_feed_reader::of(std::string_view orderid) const {
  std::deque<simdjson::dom::element> out;
  for (auto u : updates_) {
    std::string_view id;
    if (!u["orderData"]["orderid"].get(id) && id == orderid) out.push_back(u);
  }
  return out;
}

}  // namespace strike::test
