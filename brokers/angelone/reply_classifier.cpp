#include "brokers/angelone/reply_classifier.hpp"

#include <array>

namespace strike::brokers::angelone {

using events::failure_kind;

namespace {

// The gateway's and the session's "your token is no good" codes.
constexpr std::array<std::string_view, 5> session_codes{"AG8001", "AG8002", "AG8003", "AB1010",
                                                        "AB1011"};
// Credentials and refresh-token failures.
constexpr std::array<std::string_view, 9> auth_codes{"AG8004", "AB8050", "AB8051", "AB1050", "AB1000",
                                                     "AB1001", "AB1002", "AB1005", "AB1032"};
// "Something went wrong, try later": the server's trouble, not the request's.
constexpr std::array<std::string_view, 3> server_codes{"AB1004", "AB2000", "AB2001"};

template <std::size_t N>
bool in(const std::array<std::string_view, N>& list, std::string_view code) {
  for (auto c : list)
    if (c == code) return true;
  return false;
}

bool looks_rate_limited(const http::response& r) {
  return r.status == 429 ||
         (r.status == 403 && r.body.find("exceeding access rate") != std::string::npos);
}

api_outcome failed(api_failure f) {
  api_outcome o;
  o.failure = std::move(f);
  return o;
}

}  // namespace

failure_kind kind_for_code(endpoint e, std::string_view code) {
  if (in(session_codes, code) || in(auth_codes, code)) return failure_kind::auth;
  // On login AB1007 means "user id or password invalid" in practice.
  if (e == endpoint::login && code == "AB1007") return failure_kind::auth;
  if (in(server_codes, code)) return failure_kind::server;
  return failure_kind::rejected;
}

api_outcome classify(endpoint e, result<http::response> sent) {
  if (!sent) {
    api_failure f;
    f.kind = http::failure_kind_of(sent.error());
    f.message = sent.error().message;
    f.maybe_processed = http::maybe_delivered(sent.error());
    f.retryable = f.kind != failure_kind::bad_response;
    return failed(std::move(f));
  }
  http::response& r = *sent;
  if (looks_rate_limited(r)) {
    api_failure f{failure_kind::rate_limit, r.status, "", "rate limit exceeded (HTTP " +
                  std::to_string(r.status) + ")"};
    f.retryable = true;
    return failed(std::move(f));
  }

  auto parser = std::make_unique<simdjson::dom::parser>();
  auto env = parse_envelope(*parser, r.body);
  if (!env) {
    api_failure f;
    f.http_status = r.status;
    if (r.status >= 500) {
      f.kind = failure_kind::server;
      f.message = "server error (HTTP " + std::to_string(r.status) + ")";
      f.retryable = true;
    } else if (r.status == 401 || r.status == 403) {
      f.kind = failure_kind::auth;
      f.message = "not authorised (HTTP " + std::to_string(r.status) + ")";
      f.session_gone = spec(e).authorised;
      return failed(std::move(f));
    } else if (r.status >= 400) {
      f.kind = failure_kind::rejected;
      f.message = "request refused (HTTP " + std::to_string(r.status) + ")";
      return failed(std::move(f));
    } else {
      f.kind = failure_kind::bad_response;
      f.message = env.error().message;
    }
    // A 5xx or an unreadable 2xx may come after the server acted.
    f.maybe_processed = true;
    return failed(std::move(f));
  }

  if (env->success && r.status < 300) {
    api_outcome o;
    o.reply = api_reply{std::move(parser), std::move(*env), r.status, 1};
    return o;
  }
  api_failure f;
  f.http_status = r.status;
  f.code = env->code;
  f.kind = r.status >= 500 ? failure_kind::server : kind_for_code(e, f.code);
  if (f.code.empty() && (r.status == 401 || r.status == 403)) f.kind = failure_kind::auth;
  f.message = env->message.empty() ? "request failed" : env->message;
  f.session_gone = in(session_codes, f.code) || (f.kind == failure_kind::auth && f.code.empty() &&
                                                 spec(e).authorised && e != endpoint::refresh);
  f.retryable = f.kind == failure_kind::server;
  f.maybe_processed = f.kind == failure_kind::server;
  return failed(std::move(f));
}

}  // namespace strike::brokers::angelone
