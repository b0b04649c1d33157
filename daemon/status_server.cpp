#include "daemon/status_server.hpp"

#include <spdlog/spdlog.h>

#include <openssl/crypto.h>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>
#include <set>

#include "core/sha256.hpp"

namespace strike::daemon {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;
using asio::awaitable;
using asio::use_awaitable;

struct status_server::state {
  state(asio::io_context& io_, status_server_options o, handler h)
      : io(io_), options(std::move(o)), on_get(std::move(h)), acceptor(io_) {}
  asio::io_context& io;
  status_server_options options;
  handler on_get;
  tcp::acceptor acceptor;
  std::uint16_t port = 0;
  bool closed = false;
  std::size_t active = 0;             // connections admitted, counted from accept to end
  std::set<beast::tcp_stream*> open;  // their streams, so close() can end them
};

namespace {

using request = http::request<http::string_body>;
constexpr const char* text_plain = "text/plain; charset=utf-8";

// Ends the connection's slot however its coroutine ends (return, error, or destruction).
class slot {
 public:
  slot(std::shared_ptr<status_server::state> s, beast::tcp_stream& stream)
      : s_(std::move(s)), stream_(&stream) {
    s_->open.insert(stream_);
  }
  ~slot() {
    s_->open.erase(stream_);
    --s_->active;
  }
  slot(const slot&) = delete;
  slot& operator=(const slot&) = delete;

 private:
  std::shared_ptr<status_server::state> s_;
  beast::tcp_stream* stream_;
};

std::string_view path_of(std::string_view target) {
  return target.substr(0, target.find('?'));
}

std::string_view query_of(std::string_view target) {
  const auto q = target.find('?');
  return q == std::string_view::npos ? std::string_view{} : target.substr(q + 1);
}

// The value of name=... in a query string or a cookie header (parts split by sep), undecoded.
std::string_view part(std::string_view text, std::string_view name, char sep) {
  while (!text.empty()) {
    auto piece = text.substr(0, text.find(sep));
    text.remove_prefix(std::min(text.size(), piece.size() + 1));
    while (piece.starts_with(' ')) piece.remove_prefix(1);
    if (piece.size() > name.size() && piece.starts_with(name) && piece[name.size()] == '=')
      return piece.substr(name.size() + 1);
  }
  return {};
}

// Equal in time independent of where they differ, and of their lengths: digests compared.
bool same_secret(std::string_view given, const std::string& token) {
  const auto a = core::sha256_hex(given), b = core::sha256_hex(token);
  return CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

constexpr std::string_view cookie_name = "strike_token";

// Whether req carries the token (always, when there is none to carry).
bool authorised(const status_server::state& s, const request& req) {
  const auto& token = s.options.bearer_token;
  if (token.empty()) return true;
  if (const auto h = req.find(http::field::authorization); h != req.end()) {
    const std::string_view v = h->value();
    if (v.starts_with("Bearer ") && same_secret(v.substr(7), token)) return true;
  }
  if (const auto h = req.find(http::field::cookie); h != req.end()) {
    const auto v = part(h->value(), cookie_name, ';');
    if (!v.empty() && same_secret(v, token)) return true;
  }
  return false;
}

status_response answer(status_server::state& s, const request& req) {
  if (req.method() != http::verb::get) return {405, text_plain, "only GET is served\n", {}};
  const auto target = std::string_view(req.target());
  if (!authorised(s, req)) {
    // A browser's first visit: the token in the address once, a cookie from then on.
    const auto given = part(query_of(target), "token", '&');
    if (path_of(target) == "/" && !given.empty() && same_secret(given, s.options.bearer_token))
      return {303, "", "", {}};
    return {401, text_plain, "a bearer token is needed\n", {}};
  }
  try {
    return s.on_get(status_request{path_of(target), query_of(target)});
  } catch (const std::exception& e) {
    SPDLOG_ERROR("status page {}: {}", std::string(path_of(target)), e.what());
    return {500, text_plain, "internal error\n", {}};
  }
}

http::response<http::string_body> to_message(const status_server::state& s, status_response r,
                                             const request& req) {
  http::response<http::string_body> res{static_cast<http::status>(r.status), req.version()};
  res.set(http::field::server, "striked");
  if (!r.content_type.empty()) res.set(http::field::content_type, r.content_type);
  res.set(http::field::cache_control, "no-store");
  if (r.status == 405) res.set(http::field::allow, "GET");
  if (r.status == 401) res.set(http::field::www_authenticate, "Bearer");
  if (r.status == 303) {
    res.set(http::field::location, "/");
    res.set(http::field::set_cookie, std::string(cookie_name) + "=" + s.options.bearer_token +
                                         "; Path=/; HttpOnly; SameSite=Strict");
  }
  res.keep_alive(req.keep_alive());
  res.body() = std::move(r.body);
  res.prepare_payload();
  return res;
}

// A stream's response: the headers and the body, then whatever more() has every stream_poll
// (a comment line when it has had nothing for stream_keepalive), until a write fails or the
// server closes. The end of the connection ends the response.
awaitable<void> stream_out(std::shared_ptr<status_server::state> s, beast::tcp_stream& stream,
                           status_response r) {
  const auto& o = s->options;
  std::string out = "HTTP/1.1 " + std::to_string(r.status) +
                    " OK\r\nServer: striked\r\nContent-Type: " + r.content_type +
                    "\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n" + r.body;
  asio::steady_timer wait(s->io);
  auto quiet_since = std::chrono::steady_clock::now();
  boost::system::error_code ec;
  while (!s->closed) {
    if (out.empty() && std::chrono::steady_clock::now() - quiet_since >= o.stream_keepalive)
      out = ": still here\n\n";
    if (!out.empty()) {
      stream.expires_after(o.io_timeout);
      co_await asio::async_write(stream, asio::buffer(out),
                                 asio::redirect_error(use_awaitable, ec));
      if (ec) co_return;
      out.clear();
      quiet_since = std::chrono::steady_clock::now();
    }
    wait.expires_after(o.stream_poll);
    co_await wait.async_wait(asio::redirect_error(use_awaitable, ec));
    if (s->closed) co_return;
    out = r.more();
  }
}

awaitable<void> serve(std::shared_ptr<status_server::state> s, tcp::socket socket) {
  beast::tcp_stream stream(std::move(socket));
  const slot guard(s, stream);
  const auto& o = s->options;
  // Room for one whole request; pipelined requests beyond it end the connection.
  beast::flat_buffer buffer(2 * o.max_request_bytes + 1024);
  boost::system::error_code ec;
  for (;;) {
    http::request_parser<http::string_body> parser;
    parser.header_limit(static_cast<std::uint32_t>(o.max_request_bytes));
    parser.body_limit(o.max_request_bytes);
    stream.expires_after(o.io_timeout);
    co_await http::async_read(stream, buffer, parser, asio::redirect_error(use_awaitable, ec));
    if (ec || s->closed) break;
    auto answered = answer(*s, parser.get());
    if (answered.more) {
      co_await stream_out(s, stream, std::move(answered));
      break;
    }
    auto res = to_message(*s, std::move(answered), parser.get());
    stream.expires_after(o.io_timeout);
    co_await http::async_write(stream, res, asio::redirect_error(use_awaitable, ec));
    if (ec || !res.keep_alive() || s->closed) break;
  }
  stream.socket().shutdown(tcp::socket::shutdown_send, ec);
  stream.close();
}

// Answers a connection the server has no room for, without waiting on the client: whatever it
// already sent is drained (so closing does not reset the connection), a fixed 503 is written
// with one non-blocking send, and the socket is closed.
void refuse(tcp::socket& socket) {
  static const std::string reply = [] {
    const std::string body = "too many connections\n";
    return "HTTP/1.1 503 Service Unavailable\r\nServer: striked\r\nContent-Type: text/plain; "
           "charset=utf-8\r\n"
           "Retry-After: 1\r\nConnection: close\r\nContent-Length: " +
           std::to_string(body.size()) + "\r\n\r\n" + body;
  }();
  boost::system::error_code ec;
  socket.non_blocking(true, ec);
  char sink[4096];
  for (int i = 0; i < 16 && socket.read_some(asio::buffer(sink), ec) > 0; ++i) {
  }
  socket.write_some(asio::buffer(reply), ec);
  socket.shutdown(tcp::socket::shutdown_send, ec);
  socket.close(ec);
}

awaitable<void> accept_loop(std::shared_ptr<status_server::state> s) {
  asio::steady_timer pause(s->io);
  for (;;) {
    boost::system::error_code ec;
    tcp::socket socket = co_await s->acceptor.async_accept(asio::redirect_error(use_awaitable, ec));
    if (s->closed) co_return;
    if (ec) {
      // Out of file descriptors and the like: retry shortly instead of spinning.
      SPDLOG_WARN("status endpoint: accept: {}", ec.message());
      pause.expires_after(std::chrono::milliseconds(100));
      co_await pause.async_wait(asio::redirect_error(use_awaitable, ec));
      continue;
    }
    if (s->active >= s->options.max_connections) {
      refuse(socket);
      continue;
    }
    ++s->active;  // counted here: the session starts later, after this loop may accept again
    asio::co_spawn(s->io, serve(s, std::move(socket)), asio::detached);
  }
}

}  // namespace

status_server::status_server(asio::io_context& io, status_server_options options, handler h)
    : state_(std::make_shared<state>(io, std::move(options), std::move(h))) {}

status_server::~status_server() {
  close();
}

result<std::uint16_t> status_server::listen() {
  auto& s = *state_;
  if (s.acceptor.is_open() || s.closed)
    return error{"status endpoint: already listening or closed"};
  boost::system::error_code ec;
  const auto addr = asio::ip::make_address(s.options.address, ec);
  if (ec) return error{"status endpoint: address " + s.options.address + ": " + ec.message(), ec};
  const tcp::endpoint ep(addr, s.options.port);
  const std::string where = s.options.address + ":" + std::to_string(s.options.port);
  if (s.acceptor.open(ep.protocol(), ec); ec)
    return error{"status endpoint: open: " + ec.message(), ec};
  s.acceptor.set_option(asio::socket_base::reuse_address(true), ec);
  if (s.acceptor.bind(ep, ec); ec) {
    s.acceptor.close();
    return error{"status endpoint: bind " + where + ": " + ec.message(), ec};
  }
  if (s.acceptor.listen(asio::socket_base::max_listen_connections, ec); ec) {
    s.acceptor.close();
    return error{"status endpoint: listen " + where + ": " + ec.message(), ec};
  }
  s.port = s.acceptor.local_endpoint(ec).port();
  asio::co_spawn(s.io, accept_loop(state_), asio::detached);
  return s.port;
}

std::uint16_t status_server::port() const {
  return state_->port;
}

std::size_t status_server::connections() const {
  return state_->active;
}

void status_server::close() {
  auto& s = *state_;
  if (s.closed) return;
  s.closed = true;
  boost::system::error_code ec;
  s.acceptor.close(ec);
  for (auto* stream : s.open) stream->socket().close(ec);
}

}  // namespace strike::daemon
