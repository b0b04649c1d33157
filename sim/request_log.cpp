#include "sim/request_log.hpp"

#include <simdjson.h>

#include <cctype>

#include "base/json_writer.hpp"

namespace strike::sim {
namespace {

bool is_secret_key(std::string_view k) {
  std::string lower;
  for (char c : k)
    if (c != '_' && c != '-')
      lower.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  static constexpr std::string_view secret_keys[] = {
      "password",     "pin",         "mpin",          "totp",   "jwttoken",
      "refreshtoken", "feedtoken",   "accesstoken",   "token",  "apikey",
      "privatekey",   "xprivatekey", "authorization", "secret", "totpsecret"};
  for (auto s : secret_keys)
    if (lower == s) return true;
  return false;
}

void write_masked(base::json_writer& w, simdjson::dom::element e) {
  switch (e.type()) {
    case simdjson::dom::element_type::OBJECT: {
      w.begin_object();
      for (auto field : simdjson::dom::object(e)) {
        w.escaped_key(field.key);
        if (is_secret_key(field.key) && !field.value.is_null()) {
          w.value("***");
        } else {
          write_masked(w, field.value);
        }
      }
      w.end_object();
      break;
    }
    case simdjson::dom::element_type::ARRAY:
      w.begin_array();
      for (auto v : simdjson::dom::array(e)) write_masked(w, v);
      w.end_array();
      break;
    case simdjson::dom::element_type::STRING:
      w.value(std::string_view(e));
      break;
    default:
      w.raw(simdjson::minify(e));
      break;
  }
}

}  // namespace

std::string mask_secrets(std::string_view body) {
  if (body.find_first_not_of(" \t\r\n") == std::string_view::npos) return {};
  simdjson::dom::parser parser;
  simdjson::dom::element root;
  if (parser.parse(body.data(), body.size()).get(root))
    return "<" + std::to_string(body.size()) + " bytes, not JSON>";
  std::string out;
  base::json_writer w(out);
  write_masked(w, root);
  return out;
}

request_record& request_log::add(const http_request& req, std::int64_t market_ns) {
  if (records_.size() >= limit_) {
    records_.pop_front();
    ++dropped_;
  }
  request_record r;
  r.seq = ++seq_;
  r.market_ns = market_ns;
  r.listener = req.listener == listener_kind::http_api ? "http" : "https";
  r.method = req.method;
  r.path = std::string(req.path());
  r.query_bytes = req.query().size();
  for (const auto& h : req.headers) r.header_names.push_back(h.first);
  r.body = mask_secrets(req.body);
  records_.push_back(std::move(r));
  return records_.back();
}

std::string request_log::to_json(std::uint64_t since) const {
  std::string out;
  base::json_writer w(out);
  w.begin_object()
      .key("dropped")
      .value(dropped_)
      .key("last_seq")
      .value(seq_)
      .key("requests")
      .begin_array();
  for (const auto& r : records_) {
    if (r.seq <= since) continue;
    w.begin_object();
    w.key("seq").value(r.seq).key("market_time_ns").value(r.market_ns);
    w.key("listener").value(r.listener).key("method").value(r.method).key("path").value(r.path);
    w.key("query_bytes").value(static_cast<std::uint64_t>(r.query_bytes));
    w.key("header_names").begin_array();
    for (const auto& h : r.header_names) w.value(h);
    w.end_array();
    w.key("body")
        .value(r.body)
        .key("endpoint")
        .value(r.endpoint)
        .key("client_code")
        .value(r.client_code);
    w.key("status").value(static_cast<std::uint64_t>(r.status)).key("outcome").value(r.outcome);
    w.end_object();
  }
  w.end_array().end_object();
  return out;
}

}  // namespace strike::sim
