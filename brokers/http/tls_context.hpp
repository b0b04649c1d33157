// The TLS client context every broker connection uses: TLS 1.2 or later, the peer's
// certificate always verified against trusted roots, its name always checked (per
// connection, in https_client). There is deliberately no way to turn verification off: tests
// trust the simulator's self-signed certificate by naming it as ca_file instead.
#pragma once

#include <filesystem>
#include <memory>

#include "base/result.hpp"

namespace boost::asio::ssl {
class context;
}

namespace strike::brokers::http {

// ca_file: a PEM bundle of trusted roots; empty means the system's default roots.
result<std::shared_ptr<boost::asio::ssl::context>> make_tls_context(
    const std::filesystem::path& ca_file);

}  // namespace strike::brokers::http
