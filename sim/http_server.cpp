#include "sim/http_server.hpp"

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
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>
#include <boost/beast/websocket/rfc6455.hpp>

#include <chrono>

#include "sim/ws_server.hpp"

namespace strike::sim {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;
using asio::awaitable;
using asio::use_awaitable;

struct http_server::state : std::enable_shared_from_this<state> {
  state(asio::io_context& io_, listener_kind kind_, handler h, asio::ssl::context* tls_)
      : io(io_), kind(kind_), on_request(std::move(h)), tls(tls_), acceptor(io_) {}
  asio::io_context& io;
  listener_kind kind;
  handler on_request;
  asio::ssl::context* tls;
  tcp::acceptor acceptor;
  stream_hub* hub = nullptr;  // WebSocket upgrades go here when set
};

namespace {

constexpr auto io_timeout = std::chrono::seconds(30);
constexpr std::uint64_t body_limit = 1 << 20;

http_request to_request(const http::request<http::string_body>& msg, listener_kind kind) {
  http_request r;
  r.listener = kind;
  r.method = std::string(msg.method_string());
  r.target = std::string(msg.target());
  for (const auto& f : msg)
    r.headers.emplace_back(std::string(f.name_string()), std::string(f.value()));
  r.body = msg.body();
  return r;
}

// Serves requests on one connection until it closes, fails, or a reply says to drop it.
// Returns false when the connection must be cut without a graceful close.
template <class Stream>
awaitable<bool> serve_requests(std::shared_ptr<http_server::state> s, Stream& stream,
                               beast::tcp_stream& tcp) {
  beast::flat_buffer buffer;
  for (;;) {
    boost::system::error_code ec;
    http::request_parser<http::string_body> parser;
    parser.body_limit(body_limit);
    tcp.expires_after(io_timeout);
    co_await http::async_read(stream, buffer, parser, asio::redirect_error(use_awaitable, ec));
    if (ec) co_return ec == http::error::end_of_stream;
    const auto& msg = parser.get();
    if (s->hub != nullptr && beast::websocket::is_upgrade(msg)) {
      const http_request plain = to_request(msg, s->kind);
      if (const auto path = feed_path_of(plain.path())) {
        co_await serve_websocket(*s->hub, *path, stream, msg, plain);
        co_return false;  // the WebSocket has ended the connection
      }
    }
    http_response reply = s->on_request(to_request(msg, s->kind));
    if (reply.delay_ms > 0) {
      asio::steady_timer delay(co_await asio::this_coro::executor,
                               std::chrono::milliseconds(reply.delay_ms));
      co_await delay.async_wait(asio::redirect_error(use_awaitable, ec));
    }
    if (reply.mode == reply_mode::drop) co_return false;
    http::response<http::string_body> res{static_cast<http::status>(reply.status), msg.version()};
    res.set(http::field::server, "strike-smartapi-sim");
    res.set(http::field::content_type, reply.content_type);
    res.keep_alive(msg.keep_alive());
    if (reply.mode != reply_mode::empty_body) res.body() = std::move(reply.body);
    res.prepare_payload();
    tcp.expires_after(io_timeout);
    co_await http::async_write(stream, res, asio::redirect_error(use_awaitable, ec));
    if (ec) co_return false;
    if (!res.keep_alive()) co_return true;
  }
}

awaitable<void> serve_plain(std::shared_ptr<http_server::state> s, tcp::socket socket) {
  beast::tcp_stream stream(std::move(socket));
  const bool graceful = co_await serve_requests(s, stream, stream);
  boost::system::error_code ec;
  if (graceful) stream.socket().shutdown(tcp::socket::shutdown_send, ec);
  stream.socket().close(ec);
}

awaitable<void> serve_tls(std::shared_ptr<http_server::state> s, tcp::socket socket) {
  beast::ssl_stream<beast::tcp_stream> stream(std::move(socket), *s->tls);
  boost::system::error_code ec;
  beast::get_lowest_layer(stream).expires_after(io_timeout);
  co_await stream.async_handshake(asio::ssl::stream_base::server,
                                  asio::redirect_error(use_awaitable, ec));
  if (ec) co_return;
  const bool graceful = co_await serve_requests(s, stream, beast::get_lowest_layer(stream));
  if (graceful) {
    beast::get_lowest_layer(stream).expires_after(std::chrono::seconds(5));
    co_await stream.async_shutdown(asio::redirect_error(use_awaitable, ec));
  }
  beast::get_lowest_layer(stream).socket().close(ec);
}

awaitable<void> accept_loop(std::shared_ptr<http_server::state> s) {
  for (;;) {
    boost::system::error_code ec;
    tcp::socket socket = co_await s->acceptor.async_accept(asio::redirect_error(use_awaitable, ec));
    if (ec) {
      if (!s->acceptor.is_open()) co_return;
      continue;
    }
    if (s->tls != nullptr) {
      asio::co_spawn(s->io, serve_tls(s, std::move(socket)), asio::detached);
    } else {
      asio::co_spawn(s->io, serve_plain(s, std::move(socket)), asio::detached);
    }
  }
}

}  // namespace

http_server::http_server(asio::io_context& io, listener_kind kind, handler h,
                         asio::ssl::context* tls)
    : state_(std::make_shared<state>(io, kind, std::move(h), tls)) {}

http_server::~http_server() = default;

result<std::uint16_t> http_server::listen(const std::string& address, std::uint16_t port) {
  boost::system::error_code ec;
  const auto addr = asio::ip::make_address(address, ec);
  if (ec) return error{"listen address " + address + ": " + ec.message()};
  const tcp::endpoint ep(addr, port);
  auto& a = state_->acceptor;
  if (a.open(ep.protocol(), ec); ec) return error{"open: " + ec.message()};
  a.set_option(asio::socket_base::reuse_address(true), ec);
  if (a.bind(ep, ec); ec)
    return error{"bind " + address + ":" + std::to_string(port) + ": " + ec.message()};
  if (a.listen(asio::socket_base::max_listen_connections, ec); ec)
    return error{"listen: " + ec.message()};
  const auto bound = a.local_endpoint(ec).port();
  asio::co_spawn(state_->io, accept_loop(state_), asio::detached);
  return bound;
}

void http_server::serve_websockets(stream_hub& hub) {
  state_->hub = &hub;
}

void http_server::close() {
  boost::system::error_code ec;
  state_->acceptor.close(ec);
}

}  // namespace strike::sim
