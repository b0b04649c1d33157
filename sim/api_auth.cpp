// loginByPassword, generateTokens, getProfile, logout and getRMS.
#include "sim/books.hpp"
#include "sim/json_fields.hpp"
#include "sim/replies.hpp"
#include "sim/service.hpp"
#include "sim/time_text.hpp"
#include "sim/totp.hpp"

namespace strike::sim {
namespace {

std::string tokens_json(const session& s, const std::optional<std::string>& state) {
  std::string out;
  base::json_writer w(out);
  w.begin_object()
      .key("jwtToken")
      .value(s.jwt)
      .key("refreshToken")
      .value(s.refresh)
      .key("feedToken")
      .value(s.feed);
  if (state) w.key("state").value(*state);
  w.end_object();
  return out;
}

}  // namespace

http_response service::login(call& c) {
  const auto code = c.body.text("clientcode").value_or("");
  const auto pin = c.body.text("password").value_or("");
  const auto totp = c.body.text("totp").value_or("");
  const account* a = account_by_code(code);
  if (a == nullptr || a->pin != pin || a != c.acct)
    return fail_reply("Invalid clientcode or password", codes::invalid_credentials);
  if (!totp_matches(a->totp_secret, totp, real_clock_.now_ns() / core::ns_per_s))
    return fail_reply("Invalid totp", codes::invalid_totp);
  const session& s = sessions_.open(a->client_code, c.now);
  return ok_reply(tokens_json(s, c.body.text("state")));
}

http_response service::generate_tokens(call& c) {
  const auto token = c.body.text("refreshToken").value_or("");
  auto [state, s] = sessions_.refresh(token, c.now);
  if (state == token_state::unknown)
    return fail_reply("Invalid Refresh Token", codes::invalid_refresh_token);
  if (state == token_state::expired)
    return fail_reply("Refresh Token Expired", codes::refresh_token_expired);
  c.record->client_code = s->client_code;
  return ok_reply(tokens_json(*s, std::nullopt));
}

http_response service::profile(call& c) {
  std::string out;
  base::json_writer w(out);
  w.begin_object().key("clientcode").value(c.acct->client_code).key("name").value(c.acct->name);
  w.key("email").value("").key("mobileno").value("");
  w.key("exchanges")
      .begin_array()
      .value("NSE")
      .value("BSE")
      .value("NFO")
      .value("MCX")
      .value("CDS")
      .value("NCDEX")
      .end_array();
  w.key("products").begin_array().value("DELIVERY").value("INTRADAY").value("MARGIN").end_array();
  w.key("lastlogintime").value("").key("brokerid").value("B2C").end_object();
  return ok_reply(out);
}

http_response service::logout(call& c) {
  sessions_.logout(c.req.header("Authorization"), c.now);
  return ok_reply(R"("")");
}

http_response service::rms(call& c) {
  const funds f = engine_.funds_of(c.acct->client_code);
  std::int64_t unrealised = 0;
  for (const auto& p : positions_of(engine_.fills(), c.acct->client_code))
    unrealised += position_pnl(p, market_.at(*p.inst, c.now).ltp);
  const std::int64_t net = f.available();
  std::string out;
  base::json_writer w(out);
  w.begin_object();
  w.key("net").value(rupees_text(net)).key("availablecash").value(rupees_text(net));
  w.key("availableintradaypayin").value("0.00").key("availablelimitmargin").value("0.00");
  w.key("collateral").value("0.00").key("m2munrealized").value(rupees_text(unrealised));
  w.key("m2mrealized").value("0.00").key("utiliseddebits").value(rupees_text(f.initial - net));
  w.key("utilisedspan")
      .value("0.00")
      .key("utilisedoptionpremium")
      .value(rupees_text(-std::min<std::int64_t>(f.cash_flow, 0)));
  w.key("utilisedholdingsales").value("0.00").key("utilisedexposure").value("0.00");
  w.key("utilisedturnover").value("0.00").key("utilisedpayout").value("0.00");
  w.end_object();
  return ok_reply(out);
}

}  // namespace strike::sim
