#include "tests/brokers/canned_server.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>
#include <stdexcept>

#include "sim/tls_identity.hpp"

namespace strike::test {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using asio::ip::tcp;

struct canned_server::impl {
  asio::io_context io;
  asio::ssl::context tls{asio::ssl::context::tls_server};
  tcp::acceptor acceptor{io};
  std::mutex mutex;
  std::deque<canned_reply> replies;
  std::thread thread;

  canned_reply next() {
    std::lock_guard lock(mutex);
    if (replies.empty())
      return canned_reply{200, R"({"status":true,"message":"SUCCESS","errorcode":"","data":null})"};
    auto r = std::move(replies.front());
    replies.pop_front();
    return r;
  }
};

namespace {

asio::awaitable<void> serve(canned_server::impl& s, tcp::socket socket,
                            std::atomic<int>& requests) {
  beast::ssl_stream<beast::tcp_stream> stream(std::move(socket), s.tls);
  boost::system::error_code ec;
  co_await stream.async_handshake(asio::ssl::stream_base::server,
                                  asio::redirect_error(asio::use_awaitable, ec));
  if (ec) co_return;
  beast::flat_buffer buffer;
  for (;;) {
    bhttp::request<bhttp::string_body> req;
    co_await bhttp::async_read(stream, buffer, req, asio::redirect_error(asio::use_awaitable, ec));
    if (ec) co_return;
    ++requests;
    auto reply = s.next();
    if (reply.delay_ms > 0) {
      asio::steady_timer t(s.io, std::chrono::milliseconds(reply.delay_ms));
      co_await t.async_wait(asio::redirect_error(asio::use_awaitable, ec));
    }
    if (reply.close_instead) {
      beast::get_lowest_layer(stream).close();
      co_return;
    }
    bhttp::response<bhttp::string_body> res{static_cast<bhttp::status>(reply.status), 11};
    res.set(bhttp::field::content_type, reply.content_type);
    res.keep_alive(req.keep_alive());
    res.body() = reply.body;
    res.prepare_payload();
    co_await bhttp::async_write(stream, res, asio::redirect_error(asio::use_awaitable, ec));
    if (ec || !req.keep_alive()) co_return;
  }
}

asio::awaitable<void> accept_loop(canned_server::impl& s, std::atomic<int>& connections,
                                  std::atomic<int>& requests) {
  for (;;) {
    boost::system::error_code ec;
    tcp::socket socket =
        co_await s.acceptor.async_accept(asio::redirect_error(asio::use_awaitable, ec));
    if (ec) co_return;
    ++connections;
    asio::co_spawn(s.io, serve(s, std::move(socket), requests), asio::detached);
  }
}

}  // namespace

canned_server::canned_server(const std::string& address) : impl_(std::make_unique<impl>()) {
  auto id = sim::make_self_signed_identity();
  if (!id) throw std::runtime_error(id.error().message);
  cert_pem_ = id->certificate_pem;
  impl_->tls.use_certificate_chain(asio::buffer(id->certificate_pem));
  impl_->tls.use_private_key(asio::buffer(id->private_key_pem), asio::ssl::context::pem);
  const tcp::endpoint where(asio::ip::make_address(address), 0);
  impl_->acceptor.open(where.protocol());
  impl_->acceptor.set_option(tcp::acceptor::reuse_address(true));
  impl_->acceptor.bind(where);
  impl_->acceptor.listen();
  port_ = impl_->acceptor.local_endpoint().port();
  asio::co_spawn(impl_->io, accept_loop(*impl_, connections_, requests_), asio::detached);
  impl_->thread = std::thread([this] { impl_->io.run(); });
}

canned_server::~canned_server() {
  impl_->io.stop();
  impl_->thread.join();
}

void canned_server::push(canned_reply r) {
  std::lock_guard lock(impl_->mutex);
  impl_->replies.push_back(std::move(r));
}

}  // namespace strike::test
