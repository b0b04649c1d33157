#include "tests/sim/sim_client.hpp"

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/ssl/stream.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>
#include <openssl/x509v3.h>
#include <sys/socket.h>

#include <optional>
#include <stdexcept>

namespace strike::test {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

struct sim_client::connection {
  asio::io_context io;
  std::optional<asio::ssl::context> tls;
  std::optional<tcp::socket> plain;
  std::optional<asio::ssl::stream<tcp::socket>> secure;
  beast::flat_buffer buffer;

  tcp::socket& socket() { return secure ? secure->next_layer() : *plain; }

  template <class F>
  auto with_stream(F&& f) {
    if (secure) return f(*secure);
    return f(*plain);
  }
};

sim_client::sim_client(std::uint16_t port, std::string ca_pem) : port_(port), ca_pem_(std::move(ca_pem)) {}
sim_client::~sim_client() = default;
sim_client::sim_client(sim_client&&) noexcept = default;

namespace {

void set_timeouts(tcp::socket& s) {
  timeval tv{10, 0};
  ::setsockopt(s.native_handle(), SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  ::setsockopt(s.native_handle(), SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
}

}  // namespace

http_reply sim_client::request(const std::string& method, const std::string& target, const std::string& body,
                               const std::vector<std::pair<std::string, std::string>>& headers) {
  {
    if (!conn_) {
      conn_ = std::make_unique<connection>();
      tcp::endpoint ep(asio::ip::make_address("127.0.0.1"), port_);
      if (ca_pem_.empty()) {
        conn_->plain.emplace(conn_->io);
        conn_->plain->connect(ep);
        set_timeouts(*conn_->plain);
      } else {
        conn_->tls.emplace(asio::ssl::context::tls_client);
        conn_->tls->add_certificate_authority(asio::buffer(ca_pem_));
        conn_->tls->set_verify_mode(asio::ssl::verify_peer);
        conn_->secure.emplace(conn_->io, *conn_->tls);
        X509_VERIFY_PARAM_set1_ip_asc(SSL_get0_param(conn_->secure->native_handle()), "127.0.0.1");
        conn_->secure->next_layer().connect(ep);
        set_timeouts(conn_->secure->next_layer());
        conn_->secure->handshake(asio::ssl::stream_base::client);
      }
    }
    http::request<http::string_body> req{http::string_to_verb(method), target, 11};
    req.set(http::field::host, "127.0.0.1:" + std::to_string(port_));
    for (const auto& [k, v] : headers) req.set(k, v);
    req.body() = body;
    req.prepare_payload();
    boost::system::error_code ec;
    conn_->with_stream([&](auto& s) { http::write(s, req, ec); });
    http::response<http::string_body> res;
    if (!ec) conn_->with_stream([&](auto& s) { http::read(s, conn_->buffer, res, ec); });
    if (ec) {
      // Never resent: the server may have acted on the request (a test asserts exactly that).
      conn_.reset();
      return http_reply{};
    }
    http_reply out;
    out.status = res.result_int();
    out.content_type = std::string(res[http::field::content_type]);
    out.body = std::move(res.body());
    if (!res.keep_alive()) conn_.reset();
    return out;
  }
}

http_reply sim_client::api_post(const std::string& path, const std::string& body) {
  std::vector<std::pair<std::string, std::string>> h = {
      {"Content-Type", "application/json"}, {"Accept", "application/json"}, {"X-UserType", "USER"},
      {"X-SourceID", "WEB"}, {"X-ClientLocalIP", "127.0.0.1"}, {"X-ClientPublicIP", "106.193.147.98"},
      {"X-MACAddress", "fe:80:00:00:00:01"}, {"X-PrivateKey", api_key}};
  if (!jwt.empty()) h.emplace_back("Authorization", "Bearer " + jwt);
  return request("POST", path, body, h);
}

http_reply sim_client::api_get(const std::string& path) {
  std::vector<std::pair<std::string, std::string>> h = {
      {"Content-Type", "application/json"}, {"Accept", "application/json"}, {"X-UserType", "USER"},
      {"X-SourceID", "WEB"}, {"X-PrivateKey", api_key}};
  if (!jwt.empty()) h.emplace_back("Authorization", "Bearer " + jwt);
  // Like the JS SDK: a JSON body on GET.
  return request("GET", path, "{}", h);
}

}  // namespace strike::test
