// A self-signed certificate for the simulator, made fresh at each start: an EC P-256 key and
// an X.509 v3 certificate valid for IP 127.0.0.1 and DNS localhost (subjectAltName), usable
// both as the server certificate and as the CA a client trusts.
#pragma once

#include <string>

#include "base/result.hpp"

namespace strike::sim {

struct tls_identity {
  std::string certificate_pem;
  std::string private_key_pem;
};

result<tls_identity> make_self_signed_identity(int valid_days = 30);

}  // namespace strike::sim
