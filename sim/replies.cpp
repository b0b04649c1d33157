#include "sim/replies.hpp"

#include "base/json_writer.hpp"

namespace strike::sim {

http_response ok_reply(std::string_view data_json) {
  http_response r;
  r.body.reserve(64 + data_json.size());
  r.body.append(R"({"status":true,"message":"SUCCESS","errorcode":"","data":)");
  r.body.append(data_json);
  r.body.push_back('}');
  return r;
}

http_response fail_reply(std::string_view message, std::string_view code, unsigned http_status) {
  http_response r;
  r.status = http_status;
  base::json_writer w(r.body);
  w.begin_object().key("status").value(false).key("message").value(message);
  w.key("errorcode").value(code).key("data").null().end_object();
  return r;
}

http_response gateway_reply(std::string_view message, std::string_view code) {
  // HTTP 200: the JS SDK fires its session-expiry hook only for AG8001 in a 200 reply.
  http_response r;
  base::json_writer w(r.body);
  w.begin_object().key("success").value(false).key("message").value(message);
  w.key("errorCode").value(code).key("data").value("").end_object();
  return r;
}

http_response rate_limit_reply() {
  http_response r;
  r.status = 403;
  r.content_type = "text/plain";
  r.body = std::string(rate_limit_text);
  return r;
}

http_response server_error_reply(unsigned status) {
  http_response r;
  r.status = status;
  r.content_type = "text/html";
  r.body = status == 503 ? "<html><body><h1>503 Service Temporarily Unavailable</h1></body></html>"
                         : "<html><body><h1>500 Internal Server Error</h1></body></html>";
  return r;
}

http_response not_found_reply() {
  return fail_reply("Not Found", "", 404);
}

}  // namespace strike::sim
