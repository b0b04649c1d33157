#include "daemon/commands/broker_session.hpp"

#include <cstdio>

#include "daemon/broker_setup.hpp"
#include "daemon/logging.hpp"

namespace strike::daemon {

std::unique_ptr<broker_session> open_broker_session(const std::string& config_path,
                                                    broker_session_options options) {
  auto cfg = load_config(config_path);
  if (!cfg) {
    std::fprintf(stderr, "%s\n", cfg.error().message.c_str());
    return nullptr;
  }
  auto s = std::make_unique<broker_session>();
  s->cfg = std::move(*cfg);
  init_console_logging(options.log_level.empty() ? s->cfg.daemon.log_level : options.log_level);
  auto creds = read_credentials(s->cfg.broker);
  if (!creds) {
    std::fprintf(stderr, "%s: %s\n", options.command.c_str(), creds.error().message.c_str());
    return nullptr;
  }
  s->time = std::make_unique<brokers::real_timekeeper>(s->wall);
  auto client = brokers::angelone::client::create(
      s->io.get_executor(), *s->time, angelone_settings(s->cfg.broker, s->cfg.daemon.state_dir),
      std::move(*creds), std::move(options.sink));
  if (!client) {
    std::fprintf(stderr, "%s: %s\n", options.command.c_str(), client.error().message.c_str());
    return nullptr;
  }
  s->client = std::move(*client);
  return s;
}

}  // namespace strike::daemon
