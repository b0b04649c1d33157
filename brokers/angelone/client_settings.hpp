// Everything the Angel One client is configured with, apart from the credentials. The daemon
// fills it from the [broker] section of config.toml (daemon/broker_config.hpp).
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>

#include "brokers/angelone/api_client.hpp"
#include "brokers/angelone/instrument_store.hpp"
#include "brokers/angelone/session.hpp"
#include "brokers/http/https_client.hpp"

namespace strike::brokers::angelone {

struct client_settings {
  std::string base_url = "https://127.0.0.1:8443";  // the simulator by default
  std::filesystem::path ca_file;  // trusted roots (PEM); empty: the system's
  // Identity headers. Empty local IP / MAC: detected from the interfaces. Empty public IP: the
  // local IP is sent (fine for the simulator; the real API wants the registered static IP).
  std::string client_local_ip;
  std::string client_public_ip;
  std::string mac_address;
  api_options api;
  http::client_options http;
  session_options session;  // session.server is set from base_url
  instrument_options instruments;
  // placeOrder after an ambiguous failure: wait this long, then look the order up by its tag.
  std::int64_t place_lookup_delay_ns = 1'000'000'000;
  // Sends of one order at most (the first and resends proven safe by a lookup).
  std::int64_t place_max_sends = 3;
};

}  // namespace strike::brokers::angelone
