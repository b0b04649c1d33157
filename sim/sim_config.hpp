// Everything a simulator run is made of: where it listens, who may log in, the seed and the
// market it plays. Filled from flags or a TOML file by `striked sim`, or directly by tests.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "sim/faults.hpp"
#include "sim/instruments.hpp"
#include "sim/price_path.hpp"

namespace strike::sim {

struct account {
  std::string client_code;  // e.g. "S1234567"
  std::string pin;          // the login "password" (4-digit MPIN)
  std::string totp_secret;  // base32
  std::string api_key;      // expected in X-PrivateKey
  std::string name = "Simulated Trader";
  std::int64_t cash_paise = 10'00'000'00;  // funds at the start: Rs 10 lakh
};

struct market_settings {
  double nifty_open = 26000;  // index levels at 09:15 on the start day
  double banknifty_open = 59000;
  double vix_open = 13;
  std::vector<core::civil_date> holidays;  // weekdays without a session (exchange holidays)
  instrument_settings instruments;
  std::vector<scenario> scenarios;
};

struct sim_config {
  std::string listen_address = "127.0.0.1";
  std::uint16_t https_port = 0;  // 0 = ephemeral
  bool http_enabled = false;     // also serve the API on plain HTTP
  std::uint16_t http_port = 0;
  std::uint16_t admin_port = 0;  // plain-HTTP admin endpoint on listen_address
  std::vector<account> accounts;
  std::uint64_t seed = 1;
  market_settings market;
  int token_expiry_minute_ist = 0;  // sessions end at this IST time of day (0 = midnight)
  std::size_t request_log_limit = 20000;
  fault_settings faults;  // initial fault knobs (all off by default)
  // Real time between market steps (matching, ticks). On a fast clock it must be short, or a
  // step covers several market seconds and every subscriber sees prices jump between them.
  std::int64_t step_interval_ms = 50;
  std::filesystem::path cert_out;    // where to write the certificate PEM ("" = do not write)
  std::filesystem::path key_out;     // and its private key ("" = do not write)
  std::filesystem::path ready_file;  // written once listening ("" = none)
};

}  // namespace strike::sim
