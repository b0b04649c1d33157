// striked journal verify | tail | stats
#include <cstdio>
#include <filesystem>

#include "daemon/commands/commands.hpp"
#include "daemon/commands/journal_tools.hpp"
#include "daemon/exit_codes.hpp"
#include "events/codec.hpp"
#include "storage/journal_format.hpp"
#include "storage/journal_reader.hpp"
#include "storage/repair.hpp"
#include "storage/segment_reader.hpp"
#include "storage/snapshot.hpp"

namespace strike::daemon {
namespace {

int fail_usage(const char* what) {
  std::fprintf(stderr, "striked journal: %s\n", what);
  return exit_code::usage;
}

// Cuts a torn tail when asked; otherwise reports it as a failure.
int handle_torn_tail(const std::filesystem::path& file, const storage::segment_scan& scan,
                     bool repair) {
  std::printf("%s\n", scan.describe(file).c_str());
  if (!repair) {
    std::printf("run with --repair to cut the torn tail (its bytes are kept beside the file)\n");
    return exit_code::failure;
  }
  auto cut = storage::cut_torn_tail(file, scan.intact_bytes);
  if (!cut) {
    std::fprintf(stderr, "striked journal verify: %s\n", cut.error().message.c_str());
    return exit_code::failure;
  }
  std::printf("repaired: cut %lld bytes at offset %lld, kept in %s\n",
              static_cast<long long>(cut->bytes_cut), static_cast<long long>(cut->offset),
              cut->saved_as.c_str());
  return exit_code::ok;
}

int verify_file(const std::filesystem::path& file, bool repair) {
  events::decoder decoder;
  events::event e;
  auto scan = storage::scan_segment(file, 0, [&](const storage::segment_line& line) -> status {
    if (auto err = decoder.decode(line.text, e, true); !err.empty()) return error{err};
    return {};
  });
  if (!scan) {
    std::fprintf(stderr, "striked journal verify: %s\n", scan.error().message.c_str());
    return exit_code::failure;
  }
  if (scan->found == storage::segment_scan::damage::corrupt) {
    std::printf("%s\n", scan->describe(file).c_str());
    return exit_code::failure;
  }
  std::printf("%s: %lld events, seq %lld..%lld, %lld bytes\n", file.c_str(),
              static_cast<long long>(scan->intact_lines), static_cast<long long>(scan->first_seq),
              static_cast<long long>(scan->last_seq), static_cast<long long>(scan->intact_bytes));
  if (scan->found == storage::segment_scan::damage::torn_tail)
    return handle_torn_tail(file, *scan, repair);
  std::printf("ok\n");
  return exit_code::ok;
}

int verify_directory(const std::filesystem::path& dir, bool repair) {
  auto report = storage::read_journal(dir, 0, nullptr);
  if (!report) {
    std::printf("%s\n", report.error().message.c_str());
    return exit_code::failure;
  }
  std::printf(
      "%s: %lld events, seq 1..%lld, %lld segments, %lld bytes\n", dir.c_str(),
      static_cast<long long>(report->events_delivered), static_cast<long long>(report->last_seq),
      static_cast<long long>(report->segments_read), static_cast<long long>(report->bytes_read));
  std::vector<std::string> skipped;
  auto snap = storage::load_newest_snapshot(dir, report->last_seq, &skipped);
  for (const auto& s : skipped) std::printf("snapshot warning: %s\n", s.c_str());
  if (snap && *snap)
    std::printf("newest usable snapshot: seq %lld\n", static_cast<long long>((*snap)->seq));
  if (report->torn_tail) return handle_torn_tail(report->active_segment, report->tail, repair);
  std::printf("ok\n");
  return exit_code::ok;
}

int verify(args& a) {
  const bool repair = a.flag("--repair");
  auto paths = a.positionals();
  if (paths.size() != 1 || a.unused()) return fail_usage("usage: journal verify PATH [--repair]");
  const std::filesystem::path path = paths[0];
  if (std::filesystem::is_directory(path)) return verify_directory(path, repair);
  if (std::filesystem::is_regular_file(path)) return verify_file(path, repair);
  std::fprintf(stderr, "striked journal verify: %s: no such journal\n", path.c_str());
  return exit_code::usage;
}

}  // namespace

int journal_command(const std::string& sub, args& a) {
  if (sub == "verify") return verify(a);
  if (sub == "tail") return journal_tail(a);
  if (sub == "stats") return journal_stats(a);
  return fail_usage(("usage: journal verify|tail|stats PATH (not '" + sub + "')").c_str());
}

}  // namespace strike::daemon
