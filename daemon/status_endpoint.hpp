// The daemon's status endpoint: /healthz, /metrics and the dashboard (/, /api/state, /events)
// served on the reactor from the live state, the journal, the disk check and (when trading) the
// trading runtime.
#pragma once

#include <boost/asio/io_context.hpp>
#include <memory>
#include <optional>
#include <string>

#include "core/bus.hpp"
#include "core/state.hpp"
#include "daemon/config.hpp"
#include "daemon/disk_space.hpp"
#include "daemon/event_feed.hpp"
#include "daemon/metrics.hpp"
#include "daemon/status_pages.hpp"
#include "storage/journal.hpp"

namespace strike::daemon {

class trading_runtime;
class alert_service;

// What the pages read, each time they are asked: the daemon's own members, which outlive the
// endpoint.
struct status_sources {
  const config& cfg;
  const core::state& state;
  const core::bus& bus;
  const storage::journal& journal;
  const metrics& measured;
  const std::unique_ptr<trading_runtime>& runtime;  // null when not trading
  const bool& journal_failed;
  const std::optional<disk_report>& disk;  // the latest check, if any
  const event_feed& feed;
  const alert_service* alerts;  // null when alerts are off
};

// The health page: healthy while the journal takes writes, the disk has room and (when
// trading) the runtime is sound; the JSON says which part is not.
health_page build_health(const status_sources& s);
// The /metrics body.
std::string build_metrics(const status_sources& s);
// /api/state: {"health":{...},"state":{...},"unrealized_paise":N,"positions":[...]}, each open
// position with its mark, mark time and unrealised P&L (these sum to unrealized_paise).
std::string build_state(const status_sources& s);

class status_endpoint {
 public:
  // bearer_token: empty, or what every request must carry (see status_server).
  status_endpoint(boost::asio::io_context& io, status_sources sources, std::string bearer_token);
  ~status_endpoint();

  // Listens on [status] address:port; returns the bound port.
  result<std::uint16_t> listen();
  void close();

 private:
  status_sources sources_;
  std::unique_ptr<status_server> server_;
};

}  // namespace strike::daemon
