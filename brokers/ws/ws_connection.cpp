#include "brokers/ws/ws_connection.hpp"

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/ssl/host_name_verification.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/error.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>
#include <boost/beast/websocket/ssl.hpp>
#include <boost/beast/websocket/stream.hpp>
#include <chrono>

#include "brokers/broker_error.hpp"

namespace strike::brokers::ws {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace websocket = beast::websocket;
using asio::ip::tcp;
using boost::system::error_code;
using events::failure_kind;
using steady = std::chrono::steady_clock;

struct ws_connection::impl {
  impl(asio::any_io_executor ex, asio::ssl::context& tls) : ws(ex, tls) {}
  websocket::stream<beast::ssl_stream<beast::tcp_stream>> ws;
  beast::flat_buffer buffer;
};

namespace {

constexpr auto close_timeout = std::chrono::seconds(3);

bool is_ip_literal(const std::string& host) {
  error_code ec;
  asio::ip::make_address(host, ec);
  return !ec;
}

std::string authority(const ws_url& u) {
  const bool v6 = u.host.find(':') != std::string::npos;
  return (v6 ? "[" + u.host + "]" : u.host) + ":" + std::to_string(u.port);
}

error failed(failure_kind kind, const ws_url& u, std::string_view step, const error_code& ec = {}) {
  std::string m = u.printable() + ": " + std::string(step);
  if (ec) m += ": " + ec.message();
  return broker_error(kind, std::move(m));
}

}  // namespace

ws_connection::ws_connection(asio::any_io_executor ex, asio::ssl::context& tls)
    : impl_(std::make_unique<impl>(ex, tls)) {}

ws_connection::~ws_connection() = default;

bool ws_connection::is_open() const { return impl_->ws.is_open(); }

asio::awaitable<status> ws_connection::open(const ws_request& request, const ws_timeouts& timeouts) {
  const ws_url& u = request.url;
  const auto deadline = steady::now() + std::chrono::nanoseconds(timeouts.open_ns);
  auto& ws = impl_->ws;
  auto& tcp_layer = beast::get_lowest_layer(ws);
  error_code ec;

  // The resolver has no deadline of its own: a timer cancels it.
  struct lookup {
    explicit lookup(asio::any_io_executor ex) : resolver(ex) {}
    tcp::resolver resolver;
    bool timed_out = false;
  };
  auto state = std::make_shared<lookup>(ws.get_executor());
  asio::steady_timer guard(ws.get_executor());
  guard.expires_at(deadline);
  guard.async_wait([state](const error_code& e) {
    if (e) return;
    state->timed_out = true;
    state->resolver.cancel();
  });
  const auto endpoints = co_await state->resolver.async_resolve(u.host, std::to_string(u.port),
                                                                asio::redirect_error(asio::use_awaitable, ec));
  guard.cancel();
  if (state->timed_out) co_return failed(failure_kind::timeout, u, "resolving");
  if (ec) co_return failed(failure_kind::network, u, "resolving", ec);

  tcp_layer.expires_at(deadline);
  co_await tcp_layer.async_connect(endpoints, asio::redirect_error(asio::use_awaitable, ec));
  if (ec == beast::error::timeout) co_return failed(failure_kind::timeout, u, "connecting");
  if (ec) co_return failed(failure_kind::network, u, "connecting", ec);

  auto& tls = ws.next_layer();
  if (!is_ip_literal(u.host) &&
      SSL_ctrl(tls.native_handle(), SSL_CTRL_SET_TLSEXT_HOSTNAME, TLSEXT_NAMETYPE_host_name,
               const_cast<char*>(u.host.c_str())) != 1)
    co_return failed(failure_kind::network, u, "setting SNI");
  tls.set_verify_callback(asio::ssl::host_name_verification(u.host));
  co_await tls.async_handshake(asio::ssl::stream_base::client, asio::redirect_error(asio::use_awaitable, ec));
  if (ec == beast::error::timeout) co_return failed(failure_kind::timeout, u, "TLS handshake");
  if (ec) co_return failed(failure_kind::network, u, "TLS handshake", ec);

  // From here the WebSocket layer keeps time itself.
  tcp_layer.expires_never();
  websocket::stream_base::timeout t;
  t.handshake_timeout = std::max(std::chrono::duration_cast<std::chrono::nanoseconds>(deadline - steady::now()),
                                 std::chrono::nanoseconds(1'000'000));
  t.idle_timeout = std::chrono::nanoseconds(timeouts.idle_timeout_ns);
  t.keep_alive_pings = true;
  ws.set_option(t);
  ws.set_option(websocket::stream_base::decorator([headers = request.headers](websocket::request_type& req) {
    req.set(beast::http::field::user_agent, "strike");
    for (const auto& [name, value] : headers) req.set(name, value);
  }));
  ws.read_message_max(timeouts.max_message_bytes);
  ws.auto_fragment(false);

  websocket::response_type reply;
  co_await ws.async_handshake(reply, authority(u), u.target, asio::redirect_error(asio::use_awaitable, ec));
  if (ec == websocket::error::upgrade_declined) {
    refused_status_ = reply.result_int();
    std::string why = "upgrade refused: HTTP " + std::to_string(refused_status_);
    if (auto it = reply.find("x-error-message"); it != reply.end()) why += " " + std::string(it->value());
    const auto kind = refused_status_ == 401 || refused_status_ == 403 ? failure_kind::auth
                      : refused_status_ == 429                         ? failure_kind::rate_limit
                                                                       : failure_kind::server;
    co_return failed(kind, u, why);
  }
  if (ec == beast::error::timeout) co_return failed(failure_kind::timeout, u, "upgrade");
  if (ec) co_return failed(failure_kind::network, u, "upgrade", ec);
  // The handshake timeout also bounds the closing handshake.
  t.handshake_timeout = close_timeout;
  ws.set_option(t);
  co_return status{};
}

asio::awaitable<result<ws_message>> ws_connection::read() {
  auto& buffer = impl_->buffer;
  buffer.clear();  // keeps its capacity: no allocation per message once warm
  error_code ec;
  co_await impl_->ws.async_read(buffer, asio::redirect_error(asio::use_awaitable, ec));
  if (ec == websocket::error::closed) {
    const auto& reason = impl_->ws.reason();
    co_return broker_error(failure_kind::network, "closed by the server (code " + std::to_string(reason.code) +
                                                      (reason.reason.empty() ? "" : ": " + std::string(reason.reason)) + ")");
  }
  if (ec == beast::error::timeout) co_return broker_error(failure_kind::timeout, "nothing received within the idle timeout");
  if (ec) co_return broker_error(failure_kind::network, "read: " + ec.message());
  const auto bytes = buffer.cdata();
  co_return ws_message{{static_cast<const std::uint8_t*>(bytes.data()), bytes.size()}, impl_->ws.got_text()};
}

asio::awaitable<status> ws_connection::write_text(std::string_view text) {
  error_code ec;
  impl_->ws.text(true);
  co_await impl_->ws.async_write(asio::buffer(text.data(), text.size()), asio::redirect_error(asio::use_awaitable, ec));
  if (ec == beast::error::timeout) co_return broker_error(failure_kind::timeout, "write timed out");
  if (ec) co_return broker_error(failure_kind::network, "write: " + ec.message());
  co_return status{};
}

asio::awaitable<void> ws_connection::close_gracefully() {
  error_code ec;
  if (impl_->ws.is_open())
    co_await impl_->ws.async_close(websocket::close_code::normal, asio::redirect_error(asio::use_awaitable, ec));
  close();
}

void ws_connection::close() {
  error_code ec;
  auto& socket = beast::get_lowest_layer(impl_->ws).socket();
  if (socket.is_open()) {
    socket.shutdown(tcp::socket::shutdown_both, ec);
    socket.close(ec);
  }
}

}  // namespace strike::brokers::ws
