#include "daemon/optimize/shards.hpp"

#include <simdjson.h>

#include <charconv>
#include <fstream>
#include <map>

#include "base/file_io.hpp"
#include "base/json_writer.hpp"
#include "core/sha256.hpp"
#include "daemon/optimize/progress.hpp"
#include "daemon/optimize/tally.hpp"

namespace strike::daemon::optimize {

namespace {

struct found_marker {
  shard_marker marker;
  std::filesystem::path dir;
};

result<shard_marker> parse_marker(const std::filesystem::path& path) {
  auto text = base::read_file(path);
  if (!text) return text.error();
  simdjson::dom::parser parser;
  simdjson::dom::element e;
  if (parser.parse(*text).get(e)) return error{path.string() + ": not a shard marker (JSON)"};
  shard_marker m;
  std::int64_t index = 0, count = 0, blocks = 0;
  std::string_view sha, sweep_sha, config_sha, data_sha, binary_sha, options, sweep_file, sweep;
  if (e["shard"].get(index) || e["of"].get(count) || e["trials"].get(m.trials) ||
      e["total"].get(m.total) || e["sha256"].get(sha) || e["sweep_sha256"].get(sweep_sha) ||
      e["config_sha256"].get(config_sha) || e["data_sha256"].get(data_sha) ||
      e["binary_sha256"].get(binary_sha) || e["options"].get(options) ||
      e["pbo_blocks"].get(blocks) || e["sweep_file"].get(sweep_file) || e["sweep_text"].get(sweep))
    return error{path.string() + ": a shard marker lacks a field or has one of the wrong type"};
  m.index = static_cast<int>(index);
  m.count = static_cast<int>(count);
  m.sha256 = sha;
  m.identity = {std::string(sweep_sha),  std::string(config_sha), std::string(data_sha),
                std::string(binary_sha), std::string(options),    static_cast<int>(blocks)};
  m.sweep_file = std::string(sweep_file);
  m.sweep_text = sweep;
  return m;
}

// Every marker in dirs, each checked to be of the shard its name says.
result<std::vector<found_marker>> markers_in(const std::vector<std::filesystem::path>& dirs) {
  std::vector<found_marker> out;
  for (const auto& dir : dirs) {
    std::error_code ec;
    std::vector<std::filesystem::path> names;
    for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
      const auto name = entry.path().filename().string();
      if (name.starts_with("shard-") && name.ends_with(".done")) names.push_back(entry.path());
    }
    if (ec) return error{dir.string() + ": cannot list: " + ec.message()};
    std::sort(names.begin(), names.end());
    for (const auto& path : names) {
      auto m = parse_marker(path);
      if (!m) return m.error();
      if (path.filename() != shard_name(m->index, m->count) + ".done")
        return error{path.string() + ": the marker is of shard " + std::to_string(m->index) + "/" +
                     std::to_string(m->count) + ", not of the shard its name says"};
      out.push_back({std::move(*m), dir});
    }
  }
  return out;
}

// What differs between two runs' identities, for the refusal.
std::string difference(const run_identity& a, const run_identity& b) {
  if (a.sweep_sha256 != b.sweep_sha256) return "its sweep file differs";
  if (a.config_sha256 != b.config_sha256) return "its configuration file differs";
  if (a.data_sha256 != b.data_sha256) return "its market data differs";
  if (a.binary_sha256 != b.binary_sha256) return "it was run by another striked binary";
  if (a.options != b.options)
    return "its options differ (" + a.options + " against " + b.options + ")";
  return "its cross-validation blocks differ";
}

std::string listed(const std::vector<std::filesystem::path>& dirs) {
  std::string out;
  for (const auto& d : dirs) out += (out.empty() ? "" : ", ") + d.string();
  return out;
}

// The shards, one of each index, all of one run: an error names the first problem.
result<std::vector<found_marker>> complete_set(std::vector<found_marker> all,
                                               const std::vector<std::filesystem::path>& dirs) {
  if (all.empty()) return error{"no finished shard (shard-I-of-N.done) in " + listed(dirs)};
  const auto& first = all.front();
  std::map<int, const found_marker*> by_index;
  for (const auto& f : all) {
    const auto here = (f.dir / (shard_name(f.marker.index, f.marker.count) + ".done")).string();
    if (f.marker.count != first.marker.count)
      return error{here + ": of a split into " + std::to_string(f.marker.count) +
                   " shards, where " + shard_name(first.marker.index, first.marker.count) +
                   " is of a split into " + std::to_string(first.marker.count)};
    if (!(f.marker.identity == first.marker.identity) || f.marker.total != first.marker.total)
      return error{here + ": a shard of another run than " +
                   (first.dir / shard_name(first.marker.index, first.marker.count)).string() +
                   ".done: " + difference(f.marker.identity, first.marker.identity)};
    if (const auto [at, fresh] = by_index.emplace(f.marker.index, &f); !fresh)
      return error{"shard " + std::to_string(f.marker.index) + "/" +
                   std::to_string(f.marker.count) + " is there twice, in " +
                   at->second->dir.string() + " and in " + f.dir.string() +
                   ": its trials would be counted twice"};
  }
  for (int i = 0; i < first.marker.count; ++i)
    if (!by_index.count(i))
      return error{"shard " + std::to_string(i) + "/" + std::to_string(first.marker.count) +
                   " is missing (no " + shard_name(i, first.marker.count) + ".done in " +
                   listed(dirs) + "): run it, then merge again"};
  std::vector<found_marker> out;
  for (const auto& [i, f] : by_index) out.push_back(*f);
  return out;
}

}  // namespace

std::string shard_name(int index, int count) {
  return "shard-" + std::to_string(index) + "-of-" + std::to_string(count);
}

result<std::pair<int, int>> parse_shard(const std::string& text) {
  const auto slash = text.find('/');
  int i = -1, n = 0;
  const char* end = text.data() + text.size();
  if (slash == std::string::npos ||
      std::from_chars(text.data(), text.data() + slash, i).ptr != text.data() + slash ||
      std::from_chars(text.data() + slash + 1, end, n).ptr != end || n < 1 || n > 100000 || i < 0 ||
      i >= n)
    return error{"--shard " + text + ": I/N, this shard's number I from 0 to N-1 of N shards"};
  return std::pair{i, n};
}

status write_marker(const std::filesystem::path& dir, const shard_marker& m) {
  std::string out;
  base::json_writer w(out);
  w.begin_object()
      .key("shard")
      .value(m.index)
      .key("of")
      .value(m.count)
      .key("trials")
      .value(m.trials)
      .key("total")
      .value(m.total)
      .key("sha256")
      .value(std::string_view(m.sha256))
      .key("sweep_sha256")
      .value(std::string_view(m.identity.sweep_sha256))
      .key("config_sha256")
      .value(std::string_view(m.identity.config_sha256))
      .key("data_sha256")
      .value(std::string_view(m.identity.data_sha256))
      .key("binary_sha256")
      .value(std::string_view(m.identity.binary_sha256))
      .key("options")
      .value(std::string_view(m.identity.options))
      .key("pbo_blocks")
      .value(m.identity.pbo_blocks)
      .key("sweep_file")
      .value(std::string_view(m.sweep_file.string()))
      .key("sweep_text")
      .value(std::string_view(m.sweep_text))
      .end_object();
  out += '\n';
  return base::write_file_atomic(dir / (shard_name(m.index, m.count) + ".done"), out, 0644);
}

result<std::optional<shard_marker>> read_marker(const std::filesystem::path& dir, int index,
                                                int count) {
  const auto path = dir / (shard_name(index, count) + ".done");
  if (!std::filesystem::exists(path)) return std::optional<shard_marker>{};
  auto m = parse_marker(path);
  if (!m) return m.error();
  return std::optional<shard_marker>{std::move(*m)};
}

status merge_shards(const std::filesystem::path& out,
                    const std::vector<std::filesystem::path>& dirs) {
  auto found = markers_in(dirs);
  if (!found) return found.error();
  auto shards = complete_set(std::move(*found), dirs);
  if (!shards) return shards.error();
  const auto& first = shards->front().marker;
  auto plan = parse_sweep(first.sweep_text, first.sweep_file);
  if (!plan) return error{"the sweep the shards record: " + plan.error().message};
  if (plan->trials() != first.total)
    return error{"the shards say " + std::to_string(first.total) + " trials, their sweep has " +
                 std::to_string(plan->trials())};

  struct open_shard {
    std::filesystem::path path;
    std::ifstream in;
    core::sha256_stream hash;
    std::int64_t lines = 0;
  };
  std::vector<std::unique_ptr<open_shard>> files;
  for (const auto& s : *shards) {
    auto f = std::make_unique<open_shard>();
    f->path = s.dir / (shard_name(s.marker.index, s.marker.count) + ".jsonl");
    f->in.open(f->path, std::ios::binary);
    if (!f->in) return error{f->path.string() + ": cannot read the shard's trials"};
    files.push_back(std::move(f));
  }
  if (auto s = base::ensure_directory(out); !s) return s;
  if (std::filesystem::exists(out / "results.jsonl"))
    return error{(out / "results.jsonl").string() + ": the directory holds results already"};
  const auto partial = out / "results.jsonl.partial";
  std::ofstream results(partial, std::ios::binary);
  sweep_tally tally(*plan, first.identity.pbo_blocks, results);
  std::string line;
  for (std::int64_t id = 0; id < first.total; ++id) {
    auto& f = *files[static_cast<std::size_t>(id % first.count)];
    const auto where = f.path.string() + ":" + std::to_string(f.lines + 1);
    if (!std::getline(f.in, line))
      return error{f.path.string() + ": ends after " + std::to_string(f.lines) + " trials; trial " +
                   std::to_string(id) + " is absent"};
    ++f.lines;
    line += '\n';
    f.hash.update(line);
    if (auto s = tally.add(line, id, where); !s) return s;
  }
  for (std::size_t k = 0; k < files.size(); ++k) {
    auto& f = *files[k];
    const auto& m = (*shards)[k].marker;
    if (std::getline(f.in, line))
      return error{f.path.string() + ":" + std::to_string(f.lines + 1) +
                   ": a trial more than the sweep has"};
    if (f.lines != m.trials || f.hash.hex() != m.sha256)
      return error{f.path.string() + ": changed since the shard finished (its marker says " +
                   std::to_string(m.trials) + " trials and another checksum)"};
  }
  results.close();
  if (!results) return error{partial.string() + ": cannot write"};
  std::error_code ec;
  std::filesystem::rename(partial, out / "results.jsonl", ec);
  if (ec) return error{(out / "results.jsonl").string() + ": cannot write: " + ec.message()};
  return tally.finish(out, peak_rss_kb());
}

}  // namespace strike::daemon::optimize
