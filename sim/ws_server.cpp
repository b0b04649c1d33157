#include "sim/ws_server.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/write.hpp>
#include <boost/beast/websocket/ssl.hpp>
#include <boost/beast/websocket/stream.hpp>
#include <chrono>
#include <deque>

namespace strike::sim {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace websocket = beast::websocket;
using asio::use_awaitable;
using boost::system::error_code;
using steady = std::chrono::steady_clock;

namespace {

constexpr std::size_t queue_limit = 20'000;
constexpr std::size_t max_message = 64 * 1024;

template <class Stream>
class ws_peer final : public stream_peer {
 public:
  explicit ws_peer(Stream& next)
      : ws(next), signal(next.get_executor()), done(next.get_executor()) {}

  void send(std::string_view bytes, bool binary) override {
    if (closed || steady::now() < stalled_until) return;  // a stalled server sends nothing
    if (outbox.size() >= queue_limit) return drop();
    outbox.push_back({std::string(bytes), binary});
    signal.cancel();
  }

  void drop() override {
    if (closed) return;
    closed = true;
    error_code ec;
    beast::get_lowest_layer(ws).socket().shutdown(asio::ip::tcp::socket::shutdown_both, ec);
    beast::get_lowest_layer(ws).socket().close(ec);
    signal.cancel();
  }

  void stall(std::int64_t real_ms) override {
    stalled_until = steady::now() + std::chrono::milliseconds(real_ms);
    outbox.clear();
  }

  struct frame {
    std::string bytes;
    bool binary;
  };
  websocket::stream<Stream&> ws;
  std::deque<frame> outbox;
  asio::steady_timer signal;  // the writer waits here while there is nothing to send
  asio::steady_timer done;    // the serving coroutine waits here for the writer to finish
  steady::time_point stalled_until{};
  bool closed = false;
  bool writer_finished = false;
};

template <class Stream>
asio::awaitable<void> write_frames(std::shared_ptr<ws_peer<Stream>> p) {
  while (!p->closed) {
    const auto now = steady::now();
    if (p->outbox.empty() || now < p->stalled_until) {
      p->signal.expires_at(now < p->stalled_until ? p->stalled_until : steady::time_point::max());
      error_code ec;
      co_await p->signal.async_wait(asio::redirect_error(use_awaitable, ec));
      continue;
    }
    auto f = std::move(p->outbox.front());
    p->outbox.pop_front();
    p->ws.binary(f.binary);
    error_code ec;
    co_await p->ws.async_write(asio::buffer(f.bytes), asio::redirect_error(use_awaitable, ec));
    if (ec) p->drop();
  }
  p->writer_finished = true;
  p->done.cancel();
}

template <class Stream>
asio::awaitable<void> refuse(Stream& stream, const upgrade_request& upgrade,
                             const upgrade_refusal& why) {
  http::response<http::string_body> res{static_cast<http::status>(why.status), upgrade.version()};
  res.set(http::field::server, "strike-smartapi-sim");
  res.set("x-error-message", why.message);
  res.set(http::field::content_type, "text/plain");
  res.keep_alive(false);
  res.body() = why.message;
  res.prepare_payload();
  beast::get_lowest_layer(stream).expires_after(std::chrono::seconds(30));
  error_code ec;
  co_await http::async_write(stream, res, asio::redirect_error(use_awaitable, ec));
}

template <class Stream>
asio::awaitable<void> serve(stream_hub& hub, feed_path path, Stream& stream,
                            const upgrade_request& upgrade, const http_request& plain) {
  std::string client_code;
  if (auto refused = hub.authorize(path, plain, client_code)) {
    co_await refuse(stream, upgrade, *refused);
    co_return;
  }
  auto p = std::make_shared<ws_peer<Stream>>(stream);
  beast::get_lowest_layer(stream).expires_never();
  p->ws.set_option(websocket::stream_base::timeout::suggested(beast::role_type::server));
  p->ws.set_option(websocket::stream_base::decorator(
      [](websocket::response_type& res) { res.set(http::field::server, "strike-smartapi-sim"); }));
  p->ws.read_message_max(max_message);
  error_code ec;
  co_await p->ws.async_accept(upgrade, asio::redirect_error(use_awaitable, ec));
  if (ec) co_return;
  const std::uint64_t id = hub.attach(path, client_code, *p);
  asio::co_spawn(stream.get_executor(), write_frames(p), asio::detached);
  beast::flat_buffer buffer;
  while (!p->closed) {
    buffer.clear();
    co_await p->ws.async_read(buffer, asio::redirect_error(use_awaitable, ec));
    if (ec) break;
    if (steady::now() < p->stalled_until) {
      // Stalled: read nothing more (no pongs of either kind) until the stall ends.
      asio::steady_timer wait(stream.get_executor(), p->stalled_until);
      co_await wait.async_wait(asio::redirect_error(use_awaitable, ec));
      continue;
    }
    if (p->ws.got_text()) {
      const auto bytes = buffer.cdata();
      hub.on_text(id, {static_cast<const char*>(bytes.data()), bytes.size()});
    }
  }
  hub.detach(id);
  p->drop();
  while (!p->writer_finished) {
    p->done.expires_at(steady::time_point::max());
    co_await p->done.async_wait(asio::redirect_error(use_awaitable, ec));
  }
}

}  // namespace

asio::awaitable<void> serve_websocket(stream_hub& hub, feed_path path, beast::tcp_stream& stream,
                                      const upgrade_request& upgrade, const http_request& plain) {
  return serve(hub, path, stream, upgrade, plain);
}

asio::awaitable<void> serve_websocket(stream_hub& hub, feed_path path,
                                      beast::ssl_stream<beast::tcp_stream>& stream,
                                      const upgrade_request& upgrade, const http_request& plain) {
  return serve(hub, path, stream, upgrade, plain);
}

}  // namespace strike::sim
