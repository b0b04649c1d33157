#include "brokers/http/https_connection.hpp"

#include <sys/socket.h>

#include <cerrno>
#include <memory>

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/ssl/error.hpp>
#include <boost/asio/ssl/host_name_verification.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/error.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>

namespace strike::brokers::http {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using asio::ip::tcp;
using boost::system::error_code;

namespace {

error fail(errc code, std::string_view what, const error_code& ec) {
  std::string message(make_error_code(code).message());
  if (!what.empty()) message += " (" + std::string(what);
  if (ec) message += (what.empty() ? " (" : ": ") + ec.message();
  if (!what.empty() || ec) message += ")";
  return error{std::move(message), make_error_code(code)};
}

bool is_ip_literal(const std::string& host) {
  error_code ec;
  asio::ip::make_address(host, ec);
  return !ec;
}

}  // namespace

https_connection::https_connection(asio::any_io_executor ex, asio::ssl::context& tls)
    : stream_(ex, tls) {}

asio::awaitable<status> https_connection::open(const url& server, deadline by) {
  error_code ec;
  // The resolver has no deadline of its own: a timer cancels it. Both share the lookup so the
  // timer's handler never outlives what it touches.
  struct lookup {
    explicit lookup(asio::any_io_executor ex) : resolver(ex) {}
    tcp::resolver resolver;
    bool timed_out = false;
  };
  auto state = std::make_shared<lookup>(stream_.get_executor());
  asio::steady_timer guard(stream_.get_executor());
  guard.expires_at(by);
  guard.async_wait([state](const error_code& e) {
    if (e) return;
    state->timed_out = true;
    state->resolver.cancel();
  });
  const auto endpoints = co_await state->resolver.async_resolve(
      server.host, std::to_string(server.port), asio::redirect_error(asio::use_awaitable, ec));
  guard.cancel();
  if (state->timed_out) co_return fail(errc::connect_timeout, "resolving " + server.host, {});
  if (ec) co_return fail(errc::connect_failed, "resolving " + server.host, ec);

  auto& tcp_layer = beast::get_lowest_layer(stream_);
  tcp_layer.expires_at(by);
  co_await tcp_layer.async_connect(endpoints, asio::redirect_error(asio::use_awaitable, ec));
  if (ec == beast::error::timeout) co_return fail(errc::connect_timeout, "connecting", {});
  if (ec) co_return fail(errc::connect_failed, server.authority(), ec);

  // SNI carries names only; the certificate check covers names and IP literals alike.
  if (!is_ip_literal(server.host) &&
      SSL_ctrl(stream_.native_handle(), SSL_CTRL_SET_TLSEXT_HOSTNAME, TLSEXT_NAMETYPE_host_name,
               const_cast<char*>(server.host.c_str())) != 1)
    co_return fail(errc::tls_failed, "setting SNI", {});
  stream_.set_verify_callback(asio::ssl::host_name_verification(server.host));
  co_await stream_.async_handshake(asio::ssl::stream_base::client,
                                   asio::redirect_error(asio::use_awaitable, ec));
  if (ec == beast::error::timeout) co_return fail(errc::connect_timeout, "TLS handshake", {});
  if (ec) co_return fail(errc::tls_failed, server.authority(), ec);
  tcp_layer.expires_never();
  co_return status{};
}

asio::awaitable<result<response>> https_connection::exchange(const request& req,
                                                             const std::string& host,
                                                             std::uint64_t body_limit, deadline by,
                                                             bool& nothing_back) {
  nothing_back = false;
  bhttp::request<bhttp::string_body> out{req.method == method::post ? bhttp::verb::post : bhttp::verb::get,
                                         req.target, 11};
  out.set(bhttp::field::host, host);
  for (const auto& [name, value] : req.headers) out.set(name, value);
  out.keep_alive(true);
  out.body() = req.body;
  out.prepare_payload();

  auto& tcp_layer = beast::get_lowest_layer(stream_);
  tcp_layer.expires_at(by);
  error_code ec;
  co_await bhttp::async_write(stream_, out, asio::redirect_error(asio::use_awaitable, ec));
  if (ec == beast::error::timeout) co_return fail(errc::reply_timeout, "sending", {});
  if (ec) {
    nothing_back = true;
    co_return fail(errc::send_failed, "", ec);
  }

  bhttp::response_parser<bhttp::string_body> parser;
  parser.body_limit(body_limit);
  // Beast 1.74 does not enforce body_limit against a Content-Length: check it after the header.
  co_await bhttp::async_read_header(stream_, buffer_, parser, asio::redirect_error(asio::use_awaitable, ec));
  if (!ec && parser.content_length() && *parser.content_length() > body_limit) ec = bhttp::error::body_limit;
  if (!ec && !parser.is_done())
    co_await bhttp::async_read(stream_, buffer_, parser, asio::redirect_error(asio::use_awaitable, ec));
  if (ec) {
    nothing_back = !parser.got_some();
    if (ec == beast::error::timeout) co_return fail(errc::reply_timeout, "", {});
    if (ec == bhttp::error::body_limit) co_return fail(errc::bad_reply, "body over the limit", {});
    if (ec == bhttp::error::end_of_stream || ec == bhttp::error::partial_message)
      co_return fail(errc::connection_lost, "", ec);
    // Any other parser error means the bytes were not HTTP.
    if (ec.category() == bhttp::make_error_code(bhttp::error::bad_version).category())
      co_return fail(errc::bad_reply, "", ec);
    co_return fail(errc::connection_lost, "", ec);
  }
  tcp_layer.expires_never();
  auto& reply = parser.get();
  keep_alive_ = reply.keep_alive();
  ++exchanges;
  response r;
  r.status = reply.result_int();
  r.content_type = std::string(reply[bhttp::field::content_type]);
  r.body = std::move(reply.body());
  co_return r;
}

bool https_connection::reusable() const {
  if (!keep_alive_) return false;
  auto& socket = const_cast<beast::tcp_stream&>(beast::get_lowest_layer(stream_)).socket();
  if (!socket.is_open()) return false;
  // An idle connection has nothing to read. EOF means the server closed it; bytes mean it sent
  // something unasked (a TLS close alert): either way it is not fit to carry a request.
  char byte;
  const auto n = ::recv(socket.native_handle(), &byte, 1, MSG_PEEK | MSG_DONTWAIT);
  return n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK);
}

void https_connection::close() {
  error_code ignored;
  beast::get_lowest_layer(stream_).socket().shutdown(tcp::socket::shutdown_both, ignored);
  beast::get_lowest_layer(stream_).close();
}

}  // namespace strike::brokers::http
