#include "daemon/status_endpoint.hpp"

#include <map>

#include "base/json_writer.hpp"
#include "core/state_codec.hpp"
#include "daemon/alerts/alert_service.hpp"
#include "daemon/trading_runtime.hpp"

namespace strike::daemon {

namespace {

void write_space(base::json_writer& w, const char* name, const free_space& f) {
  w.key(name).begin_object();
  w.key("dir").value(f.dir.string());
  w.key("free_mb").value(f.free_bytes >> 20).key("total_mb").value(f.total_bytes >> 20);
  w.key("low").value(f.low).end_object();
}

// Open positions with the engine's valuation of each. A daemon that is not trading has no
// quotes: its positions (from the journal) go unvalued, and its unrealised total is 0.
void write_positions(std::string& out, const status_sources& s) {
  const auto marks = s.runtime ? s.runtime->position_marks()
                               : std::map<std::string, core::trading::position_mark>{};
  base::json_writer w(out);
  w.begin_array();
  for (const auto& [key, p] : s.state.positions) {
    if (p.qty == 0) continue;
    w.begin_object();
    w.key("instrument").value(p.instrument).key("symbol").value(p.symbol);
    w.key("strategy").value(p.strategy);
    w.key("qty").value(p.qty).key("avg_paise").value(p.cost_paise / p.qty);
    const auto m = marks.find(key);
    if (m == marks.end()) {
      w.key("mark_paise").null().key("mark_ns").null().key("unrealized_paise").null();
    } else {
      w.key("mark_paise").value(m->second.mark_paise).key("mark_ns").value(m->second.mark_ns);
      w.key("unrealized_paise").value(m->second.unrealized_paise);
    }
    // 0 until PositionOpened sets them.
    w.key("stop_paise");
    if (p.stop_paise)
      w.value(p.stop_paise);
    else
      w.null();
    w.key("target_paise");
    if (p.target_paise)
      w.value(p.target_paise);
    else
      w.null();
    w.key("opened_ns").value(p.opened_ns).key("exit_reason").value(p.exit_reason);
    w.end_object();
  }
  w.end_array();
}

}  // namespace

health_page build_health(const status_sources& s) {
  const trading_runtime* runtime = s.runtime.get();
  const bool journal_ok = !s.journal_failed;
  const auto& disk = s.disk;
  const bool disk_ok = !disk || !disk->low();
  const bool trading_ok = runtime == nullptr || runtime->healthy();

  health_page page;
  page.healthy = journal_ok && disk_ok && trading_ok;
  base::json_writer w(page.json);
  w.begin_object();
  w.key("healthy").value(page.healthy);
  w.key("mode").value(s.cfg.daemon.mode);
  w.key("trading").value(runtime != nullptr);
  w.key("journal").begin_object();
  w.key("ok").value(journal_ok).key("seq").value(s.state.last_seq);
  w.key("durability").value(storage::to_string(s.cfg.journal.durability));
  const auto js = s.journal.stats();
  w.key("last_sync_ms").value(static_cast<double>(js.last_sync_ns) / 1e6);
  w.key("max_sync_ms").value(static_cast<double>(js.max_sync_ns) / 1e6).end_object();
  w.key("disk").begin_object();
  w.key("ok").value(disk_ok).key("min_free_mb").value(s.cfg.daemon.min_free_mb);
  if (disk) {
    write_space(w, "state", disk->state);
    write_space(w, "log", disk->log);
  }
  w.end_object();
  w.key("runtime");
  if (runtime)
    w.raw(runtime->health_json());
  else
    w.raw("null");
  w.end_object();
  return page;
}

std::string build_metrics(const status_sources& s) {
  const trading_runtime* runtime = s.runtime.get();
  std::string out = render_metrics(
      s.measured, {s.state, s.bus.stats(), s.journal.stats(),
                   runtime ? runtime->unrealized_paise() : 0, runtime && runtime->ready()});
  if (s.alerts) out += s.alerts->metrics();
  return out;
}

std::string build_state(const status_sources& s) {
  std::string out = "{\"health\":" + build_health(s).json + ",\"state\":";
  core::encode_state(s.state, out, false);
  out += ",\"unrealized_paise\":" + std::to_string(s.runtime ? s.runtime->unrealized_paise() : 0) +
         ",\"positions\":";
  write_positions(out, s);
  out += "}";
  return out;
}

status_endpoint::status_endpoint(boost::asio::io_context& io, status_sources sources,
                                 std::string bearer_token)
    : sources_(std::move(sources)) {
  status_server_options options;
  options.address = sources_.cfg.status.address;
  options.port = static_cast<std::uint16_t>(sources_.cfg.status.port);
  options.bearer_token = std::move(bearer_token);
  page_sources pages;
  pages.health = [this] { return build_health(sources_); };
  pages.metrics = [this] { return build_metrics(sources_); };
  pages.state = [this] { return build_state(sources_); };
  pages.events = [this](std::string_view query) -> std::function<std::string()> {
    const auto q = parse_feed_query(query);
    return [feed = &sources_.feed, types = q.types,
            after = sources_.feed.start_for(q.backlog, q.types)]() mutable {
      return feed->since(after, types);
    };
  };
  server_ = std::make_unique<status_server>(io, options, status_pages(std::move(pages)));
}

status_endpoint::~status_endpoint() = default;

result<std::uint16_t> status_endpoint::listen() {
  return server_->listen();
}

void status_endpoint::close() {
  server_->close();
}

}  // namespace strike::daemon
