#include "daemon/alerts/alert_sinks.hpp"

#include <boost/asio/io_context.hpp>
#include <cstdlib>

#include "base/json_writer.hpp"
#include "daemon/alerts/alert_http.hpp"
#include "daemon/secrets.hpp"

namespace strike::daemon {

namespace {

using header_list = std::vector<std::pair<std::string, std::string>>;

delivery_outcome post_outcome(boost::asio::io_context& io, const http_target& to,
                              const std::string& body, const header_list& headers,
                              const std::shared_ptr<boost::asio::ssl::context>& tls,
                              std::int64_t timeout_ns) {
  auto reply = post_json(io, to, body, headers, tls, timeout_ns);
  if (!reply) return {false, true, 0, reply.error().message};
  return judge_http_status(reply->status, to.host + ":" + std::to_string(to.port));
}

class webhook final : public alert_sink {
 public:
  webhook(http_target to, header_list headers, std::shared_ptr<boost::asio::ssl::context> tls,
          std::int64_t timeout_ns)
      : to_(std::move(to)),
        headers_(std::move(headers)),
        tls_(std::move(tls)),
        timeout_ns_(timeout_ns) {}

  delivery_outcome deliver(const alert& a) override {
    return post_outcome(io_, to_, alert_json(a), headers_, tls_, timeout_ns_);
  }

 private:
  boost::asio::io_context io_;
  http_target to_;
  header_list headers_;
  std::shared_ptr<boost::asio::ssl::context> tls_;
  std::int64_t timeout_ns_;
};

// Telegram's answer to flooding: 429 with {"parameters":{"retry_after":SECONDS}}.
std::int64_t telegram_retry_after_ns(const std::string& body) {
  const auto at = body.find("\"retry_after\":");
  if (at == std::string::npos) return 0;
  const long long s = std::strtoll(body.c_str() + at + 14, nullptr, 10);
  return s > 0 ? s * 1'000'000'000 : 0;
}

class telegram final : public alert_sink {
 public:
  telegram(http_target to, std::string chat_id, std::shared_ptr<boost::asio::ssl::context> tls,
           std::int64_t timeout_ns)
      : to_(std::move(to)),
        chat_id_(std::move(chat_id)),
        tls_(std::move(tls)),
        timeout_ns_(timeout_ns) {}

  delivery_outcome deliver(const alert& a) override {
    std::string body;
    base::json_writer w(body);
    w.begin_object();
    w.key("chat_id").value(chat_id_);
    w.key("text").value(alert_message(a));
    w.key("disable_web_page_preview").value(true);
    w.end_object();
    auto reply = post_json(io_, to_, body, {}, tls_, timeout_ns_);
    if (!reply) return {false, true, 0, reply.error().message};
    auto outcome = judge_http_status(reply->status, "telegram " + to_.host);
    if (reply->status == 429) outcome.retry_after_ns = telegram_retry_after_ns(reply->body);
    return outcome;
  }

 private:
  boost::asio::io_context io_;
  http_target to_;  // its path holds the bot's token: never shown
  std::string chat_id_;
  std::shared_ptr<boost::asio::ssl::context> tls_;
  std::int64_t timeout_ns_;
};

}  // namespace

delivery_outcome judge_http_status(unsigned status, const std::string& where) {
  if (status >= 200 && status < 300) return {true, false, 0, ""};
  const bool again = status == 408 || status == 429 || status >= 500;
  return {false, again, 0, where + " answered HTTP " + std::to_string(status)};
}

result<std::unique_ptr<alert_sink>> make_webhook_sink(
    const webhook_sink& cfg, std::shared_ptr<boost::asio::ssl::context> tls,
    std::int64_t timeout_ns) {
  auto to = parse_http_target(cfg.url);
  if (!to) return error{"webhook url: " + to.error().message};
  header_list headers;
  if (cfg.token) {
    auto token = read_secret(*cfg.token);
    if (!token) return error{"webhook token: " + token.error().message};
    headers.emplace_back("Authorization", "Bearer " + *token);
  }
  return std::unique_ptr<alert_sink>(
      std::make_unique<webhook>(std::move(*to), std::move(headers), std::move(tls), timeout_ns));
}

result<std::unique_ptr<alert_sink>> make_telegram_sink(
    const telegram_sink& cfg, std::shared_ptr<boost::asio::ssl::context> tls,
    std::int64_t timeout_ns) {
  auto token = read_secret(cfg.bot_token);
  if (!token) return error{"telegram bot_token: " + token.error().message};
  std::string base = cfg.base_url;
  while (!base.empty() && base.back() == '/') base.pop_back();
  auto to = parse_http_target(base + "/bot" + *token + "/sendMessage");
  if (!to) return error{"telegram base_url: " + to.error().message};
  return std::unique_ptr<alert_sink>(
      std::make_unique<telegram>(std::move(*to), cfg.chat_id, std::move(tls), timeout_ns));
}

}  // namespace strike::daemon
