#include <spdlog/spdlog.h>

#include <cstdio>

#include "base/failure_probes.hpp"
#include "core/market/candle_time.hpp"
#include "daemon/commands/commands.hpp"
#include "daemon/config.hpp"
#include "daemon/daemon_process.hpp"
#include "daemon/exit_codes.hpp"
#include "daemon/logging.hpp"

namespace strike::daemon {

int run_command(args& a) {
  const std::string config_path = a.option("--config").value_or("config.toml");
  run_options options;
  options.status_lines = a.flag("--status");
  options.exit_after_close = a.flag("--exit-after-close");
  if (auto text = a.option("--for")) {
    options.run_for = parse_duration(*text);
    if (!options.run_for) {
      std::fprintf(stderr, "striked run: --for %s is not a duration (e.g. 90s, 5m)\n",
                   text->c_str());
      return exit_code::usage;
    }
  }
  const auto anchor = a.option("--anchor");
  const auto start = a.option("--start");
  const auto speed = a.option("--speed");
  const auto closed_speed = a.option("--closed-speed");
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
  // --start, --speed, --closed-speed and --anchor play market days on a scaled clock, as
  // `striked sim` takes them, overriding [clock]; --anchor is the wall-clock instant (Unix ms) at
  // which the market reads --start, shared with the simulator so both see the same market time.
  if (start || speed || closed_speed || anchor) {
    auto& k = cfg->runtime.clock;
    k.kind = "scaled";
    try {
      if (start) {
        auto t = core::market::parse_candle_time(*start);
        if (!t) throw std::invalid_argument("start");
        k.start_ns = *t;
      }
      if (speed) k.speed = std::stod(*speed);
      if (closed_speed) k.closed_speed = std::stod(*closed_speed);
      if (anchor) k.anchor_ns = std::stoll(*anchor) * 1'000'000;
    } catch (const std::exception&) {
      std::fprintf(stderr,
                   "striked run: --start takes 2026-01-06T09:00:00+05:30, --speed and "
                   "--closed-speed a number, --anchor Unix ms\n");
      return exit_code::usage;
    }
    if (k.start_ns == 0 || !(k.speed > 0) || k.closed_speed < 0) {
      std::fprintf(
          stderr,
          "striked run: a scaled clock needs --start (or [clock] start) and a positive speed\n");
      return exit_code::usage;
    }
  }
  if (auto s = init_daemon_logging(cfg->daemon.log_dir, cfg->daemon.log_level); !s) {
    std::fprintf(stderr, "striked: %s\n", s.error().message.c_str());
    return exit_code::usage;
  }
  base::probes::arm_from_environment();
  int code = 0;
  {
    daemon_process d(std::move(*cfg));
    code = d.run(options);
  }  // its threads (the day's summary, the alert sinks) end before the log they write to does
  spdlog::shutdown();
  return code;
}

}  // namespace strike::daemon
