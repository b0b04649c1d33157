#include "daemon/alerts/alert_http.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http.hpp>
#include <charconv>
#include <chrono>
#include <optional>

#include "brokers/http/https_client.hpp"

namespace strike::daemon {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;

namespace {

asio::awaitable<result<http_reply>> post_plain(
    http_target to, std::string body, std::vector<std::pair<std::string, std::string>> headers,
    std::int64_t timeout_ns) {
  auto ex = co_await asio::this_coro::executor;
  const std::string where = to.host + ":" + std::to_string(to.port);
  beast::tcp_stream stream(ex);
  stream.expires_after(std::chrono::nanoseconds(timeout_ns));
  try {
    asio::ip::tcp::resolver resolver(ex);
    auto endpoints =
        co_await resolver.async_resolve(to.host, std::to_string(to.port), asio::use_awaitable);
    co_await stream.async_connect(endpoints, asio::use_awaitable);
    bhttp::request<bhttp::string_body> req{bhttp::verb::post, to.path, 11};
    const bool v6 = to.host.find(':') != std::string::npos;
    req.set(bhttp::field::host, v6 ? "[" + to.host + "]:" + std::to_string(to.port) : where);
    req.set(bhttp::field::content_type, "application/json");
    req.set(bhttp::field::user_agent, "striked");
    for (const auto& [name, value] : headers) req.set(name, value);
    req.body() = std::move(body);
    req.prepare_payload();
    co_await bhttp::async_write(stream, req, asio::use_awaitable);
    beast::flat_buffer buffer;
    bhttp::response_parser<bhttp::string_body> parser;
    parser.body_limit(1 << 20);
    co_await bhttp::async_read(stream, buffer, parser, asio::use_awaitable);
    beast::error_code ignored;
    stream.socket().shutdown(asio::ip::tcp::socket::shutdown_both, ignored);
    co_return http_reply{parser.get().result_int(), std::move(parser.get().body())};
  } catch (const boost::system::system_error& e) {
    const bool timed_out = e.code() == beast::error::timeout;
    co_return error{where + ": " + (timed_out ? std::string("timed out") : e.code().message())};
  }
}

asio::awaitable<result<http_reply>> post_tls(
    http_target to, std::string body, std::vector<std::pair<std::string, std::string>> headers,
    std::shared_ptr<asio::ssl::context> tls, std::int64_t timeout_ns) {
  brokers::http::url server{to.host, to.port, ""};
  brokers::http::https_client client(co_await asio::this_coro::executor, std::move(tls), server);
  brokers::http::request req;
  req.method = brokers::http::method::post;
  req.target = to.path;
  req.headers = std::move(headers);
  req.headers.emplace_back("Content-Type", "application/json");
  req.headers.emplace_back("User-Agent", "striked");
  req.body = std::move(body);
  auto reply = co_await client.send(std::move(req), timeout_ns);
  client.shutdown();
  if (!reply) co_return error{server.authority() + ": " + reply.error().message};
  co_return http_reply{reply->status, std::move(reply->body)};
}

}  // namespace

result<http_target> parse_http_target(const std::string& url) {
  http_target t;
  std::string_view rest = url;
  if (rest.starts_with("https://")) {
    t.tls = true;
    rest.remove_prefix(8);
  } else if (rest.starts_with("http://")) {
    rest.remove_prefix(7);
  } else {
    return error{"not an http:// or https:// URL"};
  }
  const auto slash = rest.find('/');
  std::string_view authority = rest.substr(0, slash);
  if (slash != std::string_view::npos) t.path = std::string(rest.substr(slash));
  std::string_view port;
  if (authority.starts_with('[')) {
    const auto close = authority.find(']');
    if (close == std::string_view::npos) return error{"unclosed '[' in the host"};
    t.host = std::string(authority.substr(1, close - 1));
    if (close + 1 < authority.size()) {
      if (authority[close + 1] != ':') return error{"junk after the IPv6 address"};
      port = authority.substr(close + 2);
    }
  } else {
    const auto colon = authority.rfind(':');
    t.host = std::string(authority.substr(0, colon));
    if (colon != std::string_view::npos) port = authority.substr(colon + 1);
  }
  if (t.host.empty()) return error{"no host"};
  t.port = t.tls ? 443 : 80;
  if (!port.empty()) {
    unsigned value = 0;
    const auto [end, ec] = std::from_chars(port.data(), port.data() + port.size(), value);
    if (ec != std::errc() || end != port.data() + port.size() || value == 0 || value > 65'535)
      return error{"bad port '" + std::string(port) + "'"};
    t.port = static_cast<std::uint16_t>(value);
  }
  return t;
}

result<http_reply> post_json(asio::io_context& io, const http_target& to, const std::string& body,
                             const std::vector<std::pair<std::string, std::string>>& headers,
                             const std::shared_ptr<asio::ssl::context>& tls,
                             std::int64_t timeout_ns) {
  if (to.tls && !tls) return error{"no TLS context for " + to.host};
  std::optional<result<http_reply>> out;
  auto run = [&]() -> asio::awaitable<void> {
    // Two statements: GCC 12 miscompiles co_await in both arms of a conditional.
    if (to.tls)
      out = co_await post_tls(to, body, headers, tls, timeout_ns);
    else
      out = co_await post_plain(to, body, headers, timeout_ns);
  };
  asio::co_spawn(io, run(), [&out](std::exception_ptr failure) {
    if (failure) out = result<http_reply>(error{"delivery failed unexpectedly"});
  });
  io.restart();
  io.run();
  if (!out) return error{to.host + ": delivery did not finish"};
  return std::move(*out);
}

}  // namespace strike::daemon
