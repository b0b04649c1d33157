#include "brokers/http/tls_context.hpp"

#include <openssl/ssl.h>

#include <boost/asio/ssl/context.hpp>

namespace strike::brokers::http {

namespace ssl = boost::asio::ssl;

result<std::shared_ptr<ssl::context>> make_tls_context(const std::filesystem::path& ca_file) {
  auto ctx = std::make_shared<ssl::context>(ssl::context::tls_client);
  boost::system::error_code ec;
  ctx->set_options(ssl::context::default_workarounds | ssl::context::no_sslv2 |
                       ssl::context::no_sslv3 | ssl::context::no_tlsv1 | ssl::context::no_tlsv1_1,
                   ec);
  if (ec) return error{"TLS: cannot set options: " + ec.message()};
  if (SSL_CTX_set_min_proto_version(ctx->native_handle(), TLS1_2_VERSION) != 1)
    return error{"TLS: cannot require TLS 1.2"};
  ctx->set_verify_mode(ssl::verify_peer | ssl::verify_fail_if_no_peer_cert, ec);
  if (ec) return error{"TLS: cannot require peer verification: " + ec.message()};
  if (ca_file.empty()) {
    ctx->set_default_verify_paths(ec);
    if (ec) return error{"TLS: cannot load the system's trusted roots: " + ec.message()};
  } else {
    ctx->load_verify_file(ca_file.string(), ec);
    if (ec) return error{"TLS: cannot load ca_file " + ca_file.string() + ": " + ec.message()};
  }
  return ctx;
}

}  // namespace strike::brokers::http
