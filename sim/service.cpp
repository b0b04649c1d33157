#include "sim/service.hpp"

#include <array>

#include "sim/json_fields.hpp"
#include "sim/replies.hpp"

namespace strike::sim {
namespace {

constexpr std::string_view secure_prefix = "/rest/secure/angelbroking/";
constexpr std::string_view details_prefix = "/rest/secure/angelbroking/order/v1/details/";

}  // namespace

service::service(const sim_config& cfg, const core::clock& market_clock,
                 const core::clock& real_clock)
    : cfg_(cfg),
      market_clock_(market_clock),
      real_clock_(real_clock),
      path_(cfg.seed, trading_day_at_or_before(core::ist_date(market_clock.now_ns())),
            {cfg.market.nifty_open, cfg.market.banknifty_open, cfg.market.vix_open}),
      instruments_(cfg.market.instruments, core::ist_date(market_clock.now_ns()),
                   cfg.market.nifty_open, cfg.market.banknifty_open),
      market_(path_, instruments_, cfg.seed),
      engine_(market_, cfg.seed),
      sessions_(cfg.seed, cfg.token_expiry_minute_ist),
      faults_(cfg.seed),
      streams_(cfg_, sessions_, market_, engine_, faults_, market_clock),
      log_(cfg.request_log_limit) {
  path_.set_holidays(cfg.market.holidays);
  for (const auto& sc : cfg.market.scenarios) path_.add_scenario(sc);
  for (const auto& a : cfg.accounts) engine_.open_account(a.client_code, a.cash_paise);
  faults_.replace(cfg.faults);
}

void service::set_ports(std::uint16_t https, std::uint16_t http, std::uint16_t admin) {
  https_port_ = https;
  http_port_ = http;
  admin_port_ = admin;
}

void service::tick() {
  engine_.advance_to(market_clock_.now_ns());
}

const account* service::account_by_key(std::string_view api_key) const {
  for (const auto& a : cfg_.accounts)
    if (!api_key.empty() && a.api_key == api_key) return &a;
  return nullptr;
}

const account* service::account_by_code(std::string_view client_code) const {
  for (const auto& a : cfg_.accounts)
    if (a.client_code == client_code) return &a;
  return nullptr;
}

const service::route* service::find_route(std::string_view path, std::string& detail) const {
  static const std::array<std::pair<std::string_view, route>, 19> routes = {{
      {"/rest/auth/angelbroking/user/v1/loginByPassword",
       {"loginByPassword", false, &service::login}},
      {"/rest/auth/angelbroking/jwt/v1/generateTokens",
       {"generateTokens", false, &service::generate_tokens}},
      {"/rest/secure/angelbroking/user/v1/getProfile", {"getProfile", true, &service::profile}},
      {"/rest/secure/angelbroking/user/v1/logout", {"logout", true, &service::logout}},
      {"/rest/secure/angelbroking/user/v1/getRMS", {"getRMS", true, &service::rms}},
      {"/rest/secure/angelbroking/order/v1/placeOrder",
       {"placeOrder", true, &service::place_order}},
      {"/rest/secure/angelbroking/order/v1/modifyOrder",
       {"modifyOrder", true, &service::modify_order}},
      {"/rest/secure/angelbroking/order/v1/cancelOrder",
       {"cancelOrder", true, &service::cancel_order}},
      {"/rest/secure/angelbroking/order/v1/getOrderBook",
       {"getOrderBook", true, &service::order_book}},
      {"/rest/secure/angelbroking/order/v1/getTradeBook",
       {"getTradeBook", true, &service::trade_book}},
      {"/rest/secure/angelbroking/order/v1/getPosition",
       {"getPosition", true, &service::position_book}},
      {"/rest/secure/angelbroking/order/v1/getLtpData", {"getLtpData", true, &service::ltp_data}},
      {"/rest/secure/angelbroking/order/v1/searchScrip",
       {"searchScrip", true, &service::search_scrip}},
      {"/rest/secure/angelbroking/portfolio/v1/getHolding",
       {"getHolding", true, &service::holdings}},
      {"/rest/secure/angelbroking/portfolio/v1/getAllHolding",
       {"getAllHolding", true, &service::holdings}},
      {"/rest/secure/angelbroking/market/v1/quote", {"quote", true, &service::quote}},
      {"/rest/secure/angelbroking/historical/v1/getCandleData",
       {"getCandleData", true, &service::candle_data}},
      {"/rest/secure/angelbroking/order/v1/details", {"details", true, &service::order_details}},
      {"", {"", false, nullptr}},
  }};
  static const route details{"details", true, &service::order_details};
  if (path.starts_with("/order-service/"))
    path.remove_prefix(std::string_view("/order-service").size());
  while (path.size() > 1 && path.back() == '/') path.remove_suffix(1);
  if (path.starts_with(details_prefix)) {
    detail = std::string(path.substr(details_prefix.size()));
    return &details;
  }
  for (const auto& [p, r] : routes)
    if (!p.empty() && p == path) return &r;
  return nullptr;
}

http_response service::handle(const http_request& req) {
  return req.listener == listener_kind::admin ? handle_admin(req) : handle_api(req);
}

http_response service::handle_api(const http_request& req) {
  tick();
  const std::int64_t now = market_clock_.now_ns();
  request_record& rec = log_.add(req, now);
  auto finish = [&](http_response r, std::string outcome) {
    rec.status = r.mode == reply_mode::drop ? 0 : r.status;
    rec.outcome = std::move(outcome);
    r.delay_ms += faults_.settings().latency_ms;
    return r;
  };
  if (req.path() == scrip_master_path) {
    // Listed as of today: yesterday's expired contracts are gone each morning.
    if (const auto today = core::ist_date(now);
        scrip_master_.empty() || today != scrip_master_day_) {
      scrip_master_ = instruments_.make_json(today);
      scrip_master_day_ = today;
    }
    http_response r;
    r.body = scrip_master_;
    return finish(std::move(r), "ok");
  }
  std::string detail;
  const route* rt = find_route(req.path(), detail);
  if (rt == nullptr) return finish(not_found_reply(), "not_found");
  rec.endpoint = std::string(rt->name);

  const std::string_view api_key = req.header("X-PrivateKey");
  const account* by_key = account_by_key(api_key);
  if (by_key == nullptr)
    return finish(gateway_reply("Invalid API Key", codes::invalid_api_key), "error");
  if (req.header("X-UserType") != "USER")
    return finish(fail_reply("User Type Must Be USER", codes::user_type, 400), "error");

  switch (faults_.before(rt->name)) {
    case request_fault::dropped: {
      http_response r;
      r.mode = reply_mode::drop;
      return finish(std::move(r), "fault:dropped");
    }
    case request_fault::server_error:
      return finish(server_error_reply(500), "fault:server_error");
    case request_fault::rate_limited:
      return finish(rate_limit_reply(), "fault:rate_limited");
    case request_fault::none:
      break;
  }

  // GET bodies and query strings carry nothing the API reads (SDKs send "{}" or JSON in the query).
  auto body =
      json_fields::parse(req.method == "GET" ? std::string_view{} : std::string_view(req.body));
  if (!body) return finish(fail_reply("Invalid request body", codes::invalid_parameters), "error");
  call c{req, *body, by_key, now, &rec};
  if (rt->needs_session) {
    const std::string_view auth = req.header("Authorization");
    if (strip_bearer(auth).empty())
      return finish(gateway_reply("Token missing", codes::token_missing), "error");
    auto [state, s] = sessions_.by_jwt(auth, now);
    if (state != token_state::valid)
      return finish(gateway_reply("Invalid Token", codes::invalid_token), "error");
    c.acct = account_by_code(s->client_code);
    if (c.acct == nullptr || c.acct->api_key != api_key)
      return finish(gateway_reply("Invalid API Key", codes::invalid_api_key), "error");
  }
  std::string rate_key = c.acct->client_code;
  if (rt->name == "loginByPassword") rate_key = body->text("clientcode").value_or(rate_key);
  rec.client_code = rate_key;
  if (faults_.settings().enforce_rate_limits &&
      !limiter_.admit(rate_key, rate_group(rt->name), real_clock_.now_ns()))
    return finish(rate_limit_reply(), "rate_limited");

  order_details_detail_ = detail;
  http_response r = (this->*(rt->fn))(c);
  std::string outcome = r.status != 200 ? "http_" + std::to_string(r.status)
                        : r.body.starts_with(R"({"status":true)") ? "ok"
                                                                  : "error";
  if (r.delay_ms > 0) outcome = "fault:held_reply";  // only a fault delays an endpoint's reply
  if (r.mode == reply_mode::drop) outcome = "fault:dropped_after_accept";
  if (r.mode == reply_mode::empty_body) outcome = "fault:empty_reply";
  return finish(std::move(r), std::move(outcome));
}

}  // namespace strike::sim
