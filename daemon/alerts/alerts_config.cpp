#include "daemon/alerts/alerts_config.hpp"

#include "daemon/toml_reader.hpp"
#include "events/event.hpp"

namespace strike::daemon {

namespace {

bool is_http_url(const std::string& url) {
  const auto rest = url.starts_with("https://")  ? url.substr(8)
                    : url.starts_with("http://") ? url.substr(7)
                                                 : std::string();
  return !rest.empty() && rest.front() != '/';
}

std::optional<secret_source> read_source(toml_reader& r, std::string_view key) {
  auto parsed = parse_secret_source(r.text(key, ""), std::filesystem::path(r.file()).parent_path());
  if (!parsed) {
    r.fail(key, parsed.error().message);
    return std::nullopt;
  }
  return *parsed;
}

void read_webhook(toml_reader r, std::vector<webhook_sink>& out) {
  webhook_sink w;
  w.url = r.text("url", "");
  if (!is_http_url(w.url)) r.fail("url", "'" + w.url + "' is not an http:// or https:// URL");
  if (r.has("token")) w.token = read_source(r, "token");
  r.finish();
  out.push_back(std::move(w));
}

void read_telegram(toml_reader r, std::vector<telegram_sink>& out) {
  telegram_sink t;
  t.base_url = r.text("base_url", t.base_url);
  if (!is_http_url(t.base_url))
    r.fail("base_url", "'" + t.base_url + "' is not an http:// or https:// URL");
  // The bot token is a secret: it is named by its source, never written in the file.
  if (auto source = read_source(r, "bot_token")) t.bot_token = *source;
  t.chat_id = r.text("chat_id", "");
  if (t.chat_id.empty()) r.fail("chat_id", "the chat to send to is required");
  r.finish();
  out.push_back(std::move(t));
}

void read_command(toml_reader r, std::vector<command_sink>& out) {
  command_sink c;
  c.argv = r.text_list("argv", {});
  if (c.argv.empty() || c.argv.front().empty())
    r.fail("argv", "the program and its arguments are required, e.g. [\"/usr/bin/logger\"]");
  r.finish();
  out.push_back(std::move(c));
}

}  // namespace

void read_alerts(toml_reader r, alerts_section& a) {
  a.events = r.text_list("events", a.events);
  for (const auto& name : a.events)
    if (!events::type_index_of(name))
      r.fail("events", "'" + name + "' is not an event type (striked events lists them)");
  a.dedup_s = r.integer("dedup_s", a.dedup_s, 0, 86'400);
  a.max_per_minute = r.integer("max_per_minute", a.max_per_minute, 1, 10'000);
  a.queue = r.integer("queue", a.queue, 1, 100'000);
  a.retries = r.integer("retries", a.retries, 0, 20);
  a.timeout_ms = r.integer("timeout_ms", a.timeout_ms, 100, 120'000);
  a.flush_ms = r.integer("flush_ms", a.flush_ms, 0, 60'000);
  a.daily_report = r.boolean("daily_report", a.daily_report);
  a.ca_file = r.path("ca_file", "");
  for (auto& w : r.table_array("webhook")) read_webhook(std::move(w), a.webhooks);
  for (auto& t : r.table_array("telegram")) read_telegram(std::move(t), a.telegrams);
  for (auto& c : r.table_array("command")) read_command(std::move(c), a.commands);
  r.finish();
}

}  // namespace strike::daemon
