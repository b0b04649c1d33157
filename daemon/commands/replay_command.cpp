#include <cstdio>
#include <filesystem>

#include "core/state.hpp"
#include "core/state_codec.hpp"
#include "daemon/commands/commands.hpp"
#include "daemon/config.hpp"
#include "daemon/exit_codes.hpp"
#include "daemon/recovery.hpp"
#include "events/codec.hpp"
#include "storage/segment_reader.hpp"

namespace strike::daemon {
namespace {

// Folds a single segment file on its own, from its first event.
result<core::state> replay_file(const std::filesystem::path& path) {
  core::state s;
  events::decoder decoder;
  events::event e;
  auto scan = storage::scan_segment(path, 0, [&](const storage::segment_line& line) -> status {
    if (auto err = decoder.decode(line.text, e, true); !err.empty()) return error{err};
    core::apply(s, e);
    return {};
  });
  if (!scan) return scan.error();
  if (scan->found == storage::segment_scan::damage::corrupt) return error{scan->describe(path)};
  if (scan->found == storage::segment_scan::damage::torn_tail)
    std::fprintf(stderr, "striked replay: warning: %s\n", scan->describe(path).c_str());
  return s;
}

}  // namespace

int replay_command(args& a) {
  auto journal = a.option("--journal");
  auto config_path = a.option("--config");
  const bool from_scratch = a.flag("--from-scratch");
  const bool keys = a.flag("--keys");
  if (auto extra = a.unused()) {
    std::fprintf(stderr, "striked replay: unexpected argument '%s'\n", extra->c_str());
    return exit_code::usage;
  }
  std::filesystem::path path;
  if (journal) {
    path = *journal;
  } else if (config_path) {
    auto cfg = load_config(*config_path);
    if (!cfg) {
      std::fprintf(stderr, "%s\n", cfg.error().message.c_str());
      return exit_code::usage;
    }
    path = cfg->daemon.state_dir;
  } else {
    std::fprintf(stderr, "striked replay: give --journal PATH or --config FILE\n");
    return exit_code::usage;
  }

  core::state state;
  if (std::filesystem::is_regular_file(path)) {
    auto s = replay_file(path);
    if (!s) {
      std::fprintf(stderr, "striked replay: %s\n", s.error().message.c_str());
      return exit_code::journal_damaged;
    }
    state = std::move(*s);
  } else if (std::filesystem::is_directory(path)) {
    auto r = recover(path, {.use_snapshots = !from_scratch, .repair = false});
    if (!r) {
      std::fprintf(stderr, "striked replay: %s\n", r.error().message.c_str());
      return exit_code::journal_damaged;
    }
    for (const auto& w : r->warnings)
      std::fprintf(stderr, "striked replay: warning: %s\n", w.c_str());
    state = std::move(r->state);
  } else {
    std::fprintf(stderr, "striked replay: %s: no such journal\n", path.c_str());
    return exit_code::usage;
  }
  std::string out;
  core::encode_state(state, out, keys);
  out.push_back('\n');
  std::fwrite(out.data(), 1, out.size(), stdout);
  return exit_code::ok;
}

}  // namespace strike::daemon
