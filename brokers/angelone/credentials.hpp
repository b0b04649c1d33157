// What logging in to Angel One takes. Every field is a secret: the daemon reads them from
// their sources (daemon/secrets.hpp) and hands them over; nothing here is ever logged.
#pragma once

#include <string>

namespace strike::brokers::angelone {

struct credentials {
  std::string client_code;  // the Angel One client id, e.g. "S1234567"
  std::string pin;          // the login PIN (MPIN), sent as "password"
  std::string totp_secret;  // base32, as shown when TOTP was enabled
  std::string api_key;      // the SmartAPI app's key, sent as X-PrivateKey
};

}  // namespace strike::brokers::angelone
