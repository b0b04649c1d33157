#include <spdlog/spdlog.h>

#include <cstdio>

#include "daemon/commands.hpp"
#include "daemon/config.hpp"
#include "daemon/daemon_process.hpp"
#include "daemon/exit_codes.hpp"
#include "daemon/logging.hpp"
#include "storage/failure_probes.hpp"

namespace strike::daemon {

int run_command(args& a) {
  const std::string config_path = a.option("--config").value_or("config.toml");
  run_options options;
  options.status_lines = a.flag("--status");
  options.exit_after_close = a.flag("--exit-after-close");
  if (auto text = a.option("--for")) {
    options.run_for = parse_duration(*text);
    if (!options.run_for) {
      std::fprintf(stderr, "striked run: --for %s is not a duration (e.g. 90s, 5m)\n", text->c_str());
      return exit_code::usage;
    }
  }
  if (auto extra = a.unused()) {
    std::fprintf(stderr, "striked run: unexpected argument '%s'\n", extra->c_str());
    return exit_code::usage;
  }
  auto cfg = load_config(config_path);
  if (!cfg) {
    std::fprintf(stderr, "%s\nstriked: refusing to start with an invalid config\n",
                 cfg.error().message.c_str());
    return exit_code::usage;
  }
  if (auto s = init_daemon_logging(cfg->daemon.log_dir, cfg->daemon.log_level); !s) {
    std::fprintf(stderr, "striked: %s\n", s.error().message.c_str());
    return exit_code::usage;
  }
  storage::probes::arm_from_environment();
  daemon_process d(std::move(*cfg));
  const int code = d.run(options);
  spdlog::shutdown();
  return code;
}

}  // namespace strike::daemon
