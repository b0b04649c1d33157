#include "brokers/http/tls_context.hpp"

#include <openssl/err.h>
#include <openssl/ssl.h>

#include <cerrno>
#include <cstring>
#include <fstream>

#include <boost/asio/ssl/context.hpp>

namespace strike::brokers::http {

namespace ssl = boost::asio::ssl;

namespace {

// What is wrong with a file that must be read, in words; empty when it can be read.
std::string unusable_file(const std::filesystem::path& path) {
  std::error_code ec;
  const auto status = std::filesystem::status(path, ec);
  if (!std::filesystem::exists(status)) return "does not exist";
  if (std::filesystem::is_directory(status)) return "is a directory, not a file";
  std::ifstream in(path);
  if (!in) return std::string("cannot be read: ") + std::strerror(errno);
  return "";
}

}  // namespace

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
    if (auto problem = unusable_file(ca_file); !problem.empty())
      return error{"TLS: ca_file " + ca_file.string() + " " + problem};
    ctx->load_verify_file(ca_file.string(), ec);
    if (ec) {
      const char* why = ERR_reason_error_string(static_cast<unsigned long>(ec.value()));
      return error{"TLS: ca_file " + ca_file.string() + " holds no usable PEM certificate (" +
                   (why ? why : ec.message()) + ")"};
    }
  }
  return ctx;
}

}  // namespace strike::brokers::http
