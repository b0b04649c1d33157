#include "daemon/feed_config.hpp"

#include "brokers/ws/ws_target.hpp"
#include "daemon/toml_reader.hpp"

namespace strike::daemon {

namespace {

constexpr std::int64_t ns_per_ms = 1'000'000;

brokers::ws::link_options link_of(const feeds_section& f) {
  auto o = brokers::angelone::default_link_options();
  o.ping_interval_ns = f.ping_interval_ms * ns_per_ms;
  o.silence_timeout_ns = f.silence_timeout_ms * ns_per_ms;
  o.timeouts.open_ns = f.connect_timeout_ms * ns_per_ms;
  o.timeouts.idle_timeout_ns = f.silence_timeout_ms * ns_per_ms;
  o.backoff = {f.backoff_initial_ms * ns_per_ms, f.backoff_max_ms * ns_per_ms, f.backoff_jitter_percent};
  return o;
}

}  // namespace

void read_feeds(toml_reader r, feeds_section& f) {
  for (auto [key, url] : {std::pair{"stream_url", &f.stream_url}, {"order_url", &f.order_url}}) {
    *url = r.text(key, *url);
    if (auto u = brokers::ws::parse_ws_url(*url); !u) r.fail(key, u.error().message);
  }
  f.query_auth = r.boolean("query_auth", f.query_auth);
  f.ping_interval_ms = r.integer("ping_interval_ms", f.ping_interval_ms, 100, 60'000);
  f.silence_timeout_ms = r.integer("silence_timeout_ms", f.silence_timeout_ms, 200, 600'000);
  f.connect_timeout_ms = r.integer("connect_timeout_ms", f.connect_timeout_ms, 100, 120'000);
  f.backoff_initial_ms = r.integer("backoff_initial_ms", f.backoff_initial_ms, 10, 60'000);
  f.backoff_max_ms = r.integer("backoff_max_ms", f.backoff_max_ms, 10, 600'000);
  f.backoff_jitter_percent = r.integer("backoff_jitter_percent", f.backoff_jitter_percent, 0, 100);
  f.stale_after_ms = r.integer("stale_after_ms", f.stale_after_ms, 1'000, 3'600'000);
  f.rejection_report_ms = r.integer("rejection_report_ms", f.rejection_report_ms, 1'000, 3'600'000);
  if (f.silence_timeout_ms <= f.ping_interval_ms) r.fail("silence_timeout_ms", "must be longer than ping_interval_ms");
  if (f.backoff_max_ms < f.backoff_initial_ms) r.fail("backoff_max_ms", "must be at least backoff_initial_ms");
  r.finish();
}

brokers::angelone::smartstream::feed_options stream_options(const feeds_section& f, const broker_section& b) {
  brokers::angelone::smartstream::feed_options o;
  o.url = f.stream_url;
  o.ca_file = b.ca_file;
  o.query_auth = f.query_auth;
  o.link = link_of(f);
  o.stale_after_ns = f.stale_after_ms * ns_per_ms;
  o.rejection_report_ns = f.rejection_report_ms * ns_per_ms;
  return o;
}

brokers::angelone::order_feed_options order_options(const feeds_section& f, const broker_section& b) {
  brokers::angelone::order_feed_options o;
  o.url = f.order_url;
  o.ca_file = b.ca_file;
  o.link = link_of(f);
  return o;
}

}  // namespace strike::daemon
