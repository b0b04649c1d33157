#include "brokers/http/http_types.hpp"

namespace strike::brokers::http {
namespace {

class category final : public std::error_category {
 public:
  const char* name() const noexcept override { return "https"; }
  std::string message(int value) const override {
    switch (static_cast<errc>(value)) {
      case errc::connect_failed: return "connect failed";
      case errc::tls_failed: return "TLS handshake failed";
      case errc::connect_timeout: return "timed out before sending";
      case errc::send_failed: return "connection broke while sending";
      case errc::reply_timeout: return "timed out waiting for the reply";
      case errc::connection_lost: return "connection closed before the reply";
      case errc::bad_reply: return "malformed HTTP reply";
      case errc::shut_down: return "client shut down";
    }
    return "unknown";
  }
};

}  // namespace

const std::error_category& http_category() {
  static const category instance;
  return instance;
}

std::error_code make_error_code(errc e) { return {static_cast<int>(e), http_category()}; }

events::failure_kind failure_kind_of(const error& e) {
  using events::failure_kind;
  if (e.code.category() != http_category()) return failure_kind::network;
  switch (static_cast<errc>(e.code.value())) {
    case errc::connect_timeout:
    case errc::reply_timeout: return failure_kind::timeout;
    case errc::bad_reply: return failure_kind::bad_response;
    default: return failure_kind::network;
  }
}

bool maybe_delivered(const error& e) {
  if (e.code.category() != http_category()) return true;
  switch (static_cast<errc>(e.code.value())) {
    case errc::connect_failed:
    case errc::tls_failed:
    case errc::connect_timeout: return false;
    case errc::shut_down: return false;
    default: return true;
  }
}

}  // namespace strike::brokers::http
