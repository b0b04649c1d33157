#include "daemon/status_server.hpp"

#include <spdlog/spdlog.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>
#include <set>

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
  std::size_t active = 0;              // connections admitted, counted from accept to end
  std::set<beast::tcp_stream*> open;   // their streams, so close() can end them
};

namespace {

using request = http::request<http::string_body>;
constexpr const char* text_plain = "text/plain; charset=utf-8";

// Ends the connection's slot however its coroutine ends (return, error, or destruction).
class slot {
 public:
  slot(std::shared_ptr<status_server::state> s, beast::tcp_stream& stream) : s_(std::move(s)), stream_(&stream) {
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

std::string_view path_of(std::string_view target) { return target.substr(0, target.find('?')); }

status_response answer(status_server::state& s, const request& req) {
  if (req.method() != http::verb::get) return {405, text_plain, "only GET is served\n"};
  try {
    return s.on_get(path_of(req.target()));
  } catch (const std::exception& e) {
    SPDLOG_ERROR("status page {}: {}", std::string(path_of(req.target())), e.what());
    return {500, text_plain, "internal error\n"};
  }
}

http::response<http::string_body> to_message(status_response r, const request& req) {
  http::response<http::string_body> res{static_cast<http::status>(r.status), req.version()};
  res.set(http::field::server, "striked");
  res.set(http::field::content_type, r.content_type);
  res.set(http::field::cache_control, "no-store");
  if (r.status == 405) res.set(http::field::allow, "GET");
  res.keep_alive(req.keep_alive());
  res.body() = std::move(r.body);
  res.prepare_payload();
  return res;
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
    auto res = to_message(answer(*s, parser.get()), parser.get());
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
    return "HTTP/1.1 503 Service Unavailable\r\nServer: striked\r\nContent-Type: text/plain; charset=utf-8\r\n"
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

status_server::~status_server() { close(); }

result<std::uint16_t> status_server::listen() {
  auto& s = *state_;
  if (s.acceptor.is_open() || s.closed) return error{"status endpoint: already listening or closed"};
  boost::system::error_code ec;
  const auto addr = asio::ip::make_address(s.options.address, ec);
  if (ec) return error{"status endpoint: address " + s.options.address + ": " + ec.message(), ec};
  const tcp::endpoint ep(addr, s.options.port);
  const std::string where = s.options.address + ":" + std::to_string(s.options.port);
  if (s.acceptor.open(ep.protocol(), ec); ec) return error{"status endpoint: open: " + ec.message(), ec};
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

std::uint16_t status_server::port() const { return state_->port; }

std::size_t status_server::connections() const { return state_->active; }

void status_server::close() {
  auto& s = *state_;
  if (s.closed) return;
  s.closed = true;
  boost::system::error_code ec;
  s.acceptor.close(ec);
  for (auto* stream : s.open) stream->socket().close(ec);
}

}  // namespace strike::daemon
