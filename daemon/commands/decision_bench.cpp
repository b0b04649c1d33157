// `striked bench decision`: the latency of the live decision path, tick by tick, from a
// SmartStream frame to the order written to the broker's socket
// (daemon/commands/decision_path.hpp), or with --floor the same frames only parsed.
#include <cstdio>
#include <filesystem>
#include <random>

#include "base/json_writer.hpp"
#include "daemon/commands/commands.hpp"
#include "daemon/commands/decision_path.hpp"
#include "daemon/exit_codes.hpp"

namespace strike::daemon {
namespace {

constexpr const char* usage =
    "usage: striked bench decision [--ticks N] [--cpu K] [--durability every_event|group|none]\n"
    "       [--group-commit-ms MS] [--dir DIR] [--strikes N] [--no-rehearse] [--no-lock]\n"
    "       [--no-socket] [--floor] [--json]\n";

std::optional<std::int64_t> whole(const std::optional<std::string>& text, std::int64_t fallback,
                                  std::int64_t min, std::int64_t max) {
  if (!text) return fallback;
  char* end = nullptr;
  const long long v = std::strtoll(text->c_str(), &end, 10);
  if (text->empty() || *end != '\0' || v < min || v > max) return std::nullopt;
  return v;
}

struct series {
  const char* name;
  std::vector<std::int64_t>* values;
};

void print_table(const decision_path_figures& f, std::vector<series> all) {
  std::printf(
      "%lld ticks in %.2f s (%.0f ticks/s), %lld decisions, %lld orders written, %lld "
      "events journaled\n",
      static_cast<long long>(f.ticks), f.seconds,
      f.seconds > 0 ? static_cast<double>(f.ticks) / f.seconds : 0.0,
      static_cast<long long>(f.decisions), static_cast<long long>(f.orders_sent),
      static_cast<long long>(f.events));
  const std::string memory =
      f.memory_locked ? "memory locked" : "memory not locked: " + f.memory_lock_detail;
  if (all.size() > 1 && !f.tick_to_intent.empty())  // the whole path, not the floor
    std::printf("%s; %lld page faults on the deciding thread; the day's first decision %.2f µs\n",
                memory.c_str(), static_cast<long long>(f.page_faults),
                static_cast<double>(f.tick_to_intent.front()) / 1e3);
  std::printf("%-16s %9s %9s %9s %9s %9s %9s   (µs)\n", "", "count", "p50", "p90", "p99", "p99.9",
              "max");
  for (const auto& s : all) {
    auto& v = *s.values;
    auto us = [&v](double q) { return static_cast<double>(quantile(v, q)) / 1e3; };
    std::printf("%-16s %9zu %9.2f %9.2f %9.2f %9.2f %9.2f\n", s.name, v.size(), us(0.5), us(0.9),
                us(0.99), us(0.999), us(1.0));
  }
}

std::string figures_json(const decision_path_figures& f, std::vector<series> all) {
  std::string out;
  base::json_writer w(out);
  w.begin_object();
  w.key("ticks").value(f.ticks).key("decisions").value(f.decisions);
  w.key("orders_sent").value(f.orders_sent).key("events").value(f.events);
  w.key("seconds").value(f.seconds);
  w.key("memory_locked").value(f.memory_locked).key("page_faults").value(f.page_faults);
  for (const auto& s : all) {
    auto& v = *s.values;
    w.key(s.name).begin_object();
    w.key("count").value(static_cast<std::int64_t>(v.size()));
    w.key("p50_ns").value(quantile(v, 0.5)).key("p90_ns").value(quantile(v, 0.9));
    w.key("p99_ns").value(quantile(v, 0.99)).key("p999_ns").value(quantile(v, 0.999));
    w.key("max_ns").value(quantile(v, 1.0));
    w.end_object();
  }
  w.end_object();
  out += "\n";
  return out;
}

}  // namespace

int bench_decision(args& a) {
  decision_path_options o;
  const auto ticks = whole(a.option("--ticks"), o.ticks, 1, 100'000'000);
  const auto cpu = whole(a.option("--cpu"), -1, -1, 4095);
  const auto group_ms = whole(a.option("--group-commit-ms"), o.group_commit_ms, 0, 1000);
  const auto strikes = whole(a.option("--strikes"), o.strikes, 1, 20);
  const auto durability =
      storage::durability_from_string(a.option("--durability").value_or("group"));
  const auto dir = a.option("--dir");
  o.socket = !a.flag("--no-socket");
  o.floor = a.flag("--floor");
  o.rehearse = !a.flag("--no-rehearse");
  o.lock_memory = !a.flag("--no-lock");
  const bool json = a.flag("--json");
  if (a.unused() || !a.positionals().empty() || !ticks || !cpu || !group_ms || !strikes ||
      !durability) {
    std::fputs(usage, stderr);
    return exit_code::usage;
  }
  o.ticks = *ticks;
  o.cpu = static_cast<int>(*cpu);
  o.group_commit_ms = *group_ms;
  o.strikes = static_cast<int>(*strikes);
  o.durability = *durability;
  // A fresh directory of its own unless told where: the journal must start empty.
  std::filesystem::path made;
  if (dir) {
    o.dir = *dir;
  } else {
    made = std::filesystem::temp_directory_path() /
           ("strike-bench-decision-" + std::to_string(std::random_device{}()));
    o.dir = made;
  }
  if (std::filesystem::exists(o.dir / "events.jsonl")) {
    std::fprintf(stderr, "striked bench decision: %s holds a journal already\n", o.dir.c_str());
    return exit_code::usage;
  }
  std::filesystem::create_directories(o.dir);
  auto figures = run_decision_path(o);
  if (!made.empty()) std::filesystem::remove_all(made);
  if (!figures) {
    std::fprintf(stderr, "striked bench decision: %s\n", figures.error().message.c_str());
    return exit_code::failure;
  }
  auto& f = *figures;
  std::vector<series> all{{"tick", &f.tick}};
  if (!o.floor) {
    all.push_back({"tick_to_intent", &f.tick_to_intent});
    all.push_back({"tick_to_entry", &f.tick_to_entry});
    all.push_back({"tick_to_exit", &f.tick_to_exit});
    all.push_back({"tick_to_submit", &f.tick_to_submit});
    all.push_back({"journal_wait", &f.journal_wait});
    all.push_back({"prepare", &f.prepare});
    all.push_back({"send", &f.send});
    all.push_back({"tick_to_wire", &f.tick_to_wire});
    all.push_back({"tick_to_device", &f.tick_to_device});
  }
  if (json) {
    const std::string text = figures_json(f, all);
    std::fwrite(text.data(), 1, text.size(), stdout);
  } else {
    print_table(f, all);
  }
  return exit_code::ok;
}

}  // namespace strike::daemon
