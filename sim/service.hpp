// The simulator's logic behind its listeners: the SmartAPI REST endpoints, the scrip master
// and the admin endpoint, over one market, one matching engine and one session store. Takes
// plain requests and returns plain responses (http_types.hpp); the network lives elsewhere.
//
// Two clocks: `market` drives prices, order times and session expiry (a scaled clock plays a
// day at N x speed); `real` drives TOTP checks and rate limits, which clients measure in real
// time. Tests may pass virtual clocks for both. Not thread-safe: the reactor thread calls it.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "core/clock.hpp"
#include "sim/book_lag.hpp"
#include "sim/faults.hpp"
#include "sim/http_types.hpp"
#include "sim/instruments.hpp"
#include "sim/market.hpp"
#include "sim/matching_engine.hpp"
#include "sim/price_path.hpp"
#include "sim/rate_limiter.hpp"
#include "sim/request_log.hpp"
#include "sim/sessions.hpp"
#include "sim/sim_config.hpp"
#include "sim/stream_hub.hpp"

namespace strike::sim {

class json_fields;

// The path the scrip master is served at (same as the real file's path).
inline constexpr std::string_view scrip_master_path = "/OpenAPI_File/files/OpenAPIScripMaster.json";

class service {
 public:
  service(const sim_config& cfg, const core::clock& market_clock, const core::clock& real_clock);

  http_response handle(const http_request& req);
  // Brings the matching engine up to the market clock (called on a timer too).
  void tick();

  matching_engine& engine() { return engine_; }
  market& prices() { return market_; }
  price_path& path() { return path_; }
  const instrument_master& instruments() const { return instruments_; }
  faults& fault_knobs() { return faults_; }
  // The WebSocket services (SmartStream and order updates), served by the HTTPS listener.
  stream_hub& streams() { return streams_; }
  std::int64_t market_now() const { return market_clock_.now_ns(); }

  // Set by the simulator once the listeners are bound, for /admin/status.
  void set_ports(std::uint16_t https, std::uint16_t http, std::uint16_t admin);

 private:
  struct call {
    const http_request& req;
    const json_fields& body;
    const account* acct = nullptr;  // the caller, once known
    std::int64_t now = 0;           // market time
    request_record* record = nullptr;
  };
  using endpoint_fn = http_response (service::*)(call&);
  struct route {
    std::string_view name;
    bool needs_session;
    endpoint_fn fn;
  };

  http_response handle_api(const http_request& req);
  http_response handle_admin(const http_request& req);
  const route* find_route(std::string_view path, std::string& detail) const;
  const account* account_by_key(std::string_view api_key) const;
  const account* account_by_code(std::string_view client_code) const;
  // Whether the client's books show orderid yet (the order_book_lag_ms fault).
  bool in_books(std::string_view orderid) const;

  // Endpoints (api_auth.cpp, api_orders.cpp, api_market.cpp).
  http_response login(call& c);
  http_response generate_tokens(call& c);
  http_response profile(call& c);
  http_response logout(call& c);
  http_response rms(call& c);
  http_response place_order(call& c);
  http_response modify_order(call& c);
  http_response cancel_order(call& c);
  http_response order_book(call& c);
  http_response trade_book(call& c);
  http_response order_details(call& c);
  http_response position_book(call& c);
  http_response holdings(call& c);
  http_response ltp_data(call& c);
  http_response quote(call& c);
  http_response candle_data(call& c);
  http_response search_scrip(call& c);

  // Admin (admin.cpp).
  std::string admin_orders_json() const;
  std::string admin_positions_json();
  std::string admin_status_json() const;
  status admin_add_scenario(std::string_view body);
  http_response admin_order_action(std::string_view action, std::string_view body);

  sim_config cfg_;
  const core::clock& market_clock_;
  const core::clock& real_clock_;
  price_path path_;
  instrument_master instruments_;
  market market_;
  matching_engine engine_;
  session_store sessions_;
  rate_limiter limiter_;
  faults faults_;
  book_lag book_lag_;
  stream_hub streams_;
  request_log log_;
  std::string order_details_detail_;  // scratch for the details/{id} route
  std::string scrip_master_;          // the scrip master as listed on scrip_master_day_
  core::civil_date scrip_master_day_;
  std::uint16_t https_port_ = 0, http_port_ = 0, admin_port_ = 0;
};

}  // namespace strike::sim
