#include "storage/snapshot.hpp"

#include <algorithm>
#include <charconv>
#include <cstdio>

#include "base/failure_probes.hpp"
#include "base/file_io.hpp"
#include "storage/crc32c.hpp"

namespace strike::storage {
namespace {

constexpr std::string_view prefix = "snapshot-";
constexpr std::string_view suffix = ".json";

std::optional<std::int64_t> seq_from_name(const std::string& name) {
  if (name.size() != prefix.size() + 12 + suffix.size() || name.rfind(prefix, 0) != 0 ||
      name.substr(name.size() - suffix.size()) != suffix)
    return std::nullopt;
  std::int64_t seq = 0;
  const char* p = name.data() + prefix.size();
  auto [end, ec] = std::from_chars(p, p + 12, seq);
  if (ec != std::errc{} || end != p + 12) return std::nullopt;
  return seq;
}

// Snapshot files in dir, newest first.
std::vector<std::pair<std::int64_t, std::filesystem::path>> list(const std::filesystem::path& dir) {
  std::vector<std::pair<std::int64_t, std::filesystem::path>> out;
  std::error_code ec;
  for (const auto& e : std::filesystem::directory_iterator(dir, ec))
    if (auto seq = seq_from_name(e.path().filename().string())) out.emplace_back(*seq, e.path());
  std::sort(out.begin(), out.end(), [](auto& a, auto& b) { return a.first > b.first; });
  return out;
}

// Reads an unsigned integer that follows `"key":` in header.
std::optional<std::int64_t> header_int(std::string_view header, std::string_view key) {
  const std::string needle = "\"" + std::string(key) + "\":";
  const auto at = header.find(needle);
  if (at == std::string_view::npos) return std::nullopt;
  std::int64_t v = 0;
  const char* p = header.data() + at + needle.size();
  auto [end, ec] = std::from_chars(p, header.data() + header.size(), v);
  if (ec != std::errc{}) return std::nullopt;
  return v;
}

}  // namespace

status write_snapshot(const std::filesystem::path& dir, std::int64_t seq,
                      std::string_view state_json, int keep) {
  char name[64];
  std::snprintf(name, sizeof name, "snapshot-%012lld.json", static_cast<long long>(seq));
  char header[160];
  std::snprintf(header, sizeof header,
                "{\"format\":\"strike-snapshot\",\"version\":1,\"seq\":%lld,\"bytes\":%zu,"
                "\"crc\":\"%08x\"}\n",
                static_cast<long long>(seq), state_json.size(), crc32c(state_json));
  std::string content(header);
  content.append(state_json);
  if (base::probes::hit(base::probes::point::snapshot_write))
    return error{(dir / name).string() + ": injected failure (snapshot.write)"};
  if (auto s = base::write_file_atomic(dir / name, content); !s) return s;

  const auto all = list(dir);
  for (std::size_t i = static_cast<std::size_t>(std::max(keep, 1)); i < all.size(); ++i) {
    std::error_code ec;
    std::filesystem::remove(all[i].second, ec);
  }
  return base::sync_directory(dir);
}

result<snapshot> read_snapshot(const std::filesystem::path& path) {
  auto content = base::read_file(path);
  if (!content) return content.error();
  const auto nl = content->find('\n');
  if (nl == std::string::npos) return error{path.string() + ": no header line"};
  const std::string_view header(content->data(), nl);
  if (header.find("\"format\":\"strike-snapshot\"") == std::string_view::npos ||
      header.find("\"version\":1,") == std::string_view::npos)
    return error{path.string() + ": not a version 1 snapshot"};
  const auto seq = header_int(header, "seq");
  const auto bytes = header_int(header, "bytes");
  const auto crc_at = header.find("\"crc\":\"");
  if (!seq || !bytes || crc_at == std::string_view::npos || crc_at + 7 + 8 > header.size())
    return error{path.string() + ": malformed header"};
  std::uint32_t crc = 0;
  auto [end, ec] =
      std::from_chars(header.data() + crc_at + 7, header.data() + crc_at + 15, crc, 16);
  if (ec != std::errc{}) return error{path.string() + ": malformed checksum"};
  std::string body = content->substr(nl + 1);
  if (static_cast<std::int64_t>(body.size()) != *bytes)
    return error{path.string() + ": holds " + std::to_string(body.size()) + " bytes, header says " +
                 std::to_string(*bytes)};
  if (crc32c(body) != crc) return error{path.string() + ": checksum mismatch"};
  return snapshot{*seq, std::move(body), path};
}

result<std::optional<snapshot>> load_newest_snapshot(const std::filesystem::path& dir,
                                                     std::int64_t max_seq,
                                                     std::vector<std::string>* skipped) {
  for (const auto& [seq, path] : list(dir)) {
    if (seq > max_seq) {
      if (skipped)
        skipped->push_back(path.string() + ": covers seq " + std::to_string(seq) +
                           ", past the journal's end at " + std::to_string(max_seq));
      continue;
    }
    auto snap = read_snapshot(path);
    if (snap && snap->seq == seq) return std::optional<snapshot>(std::move(*snap));
    if (skipped)
      skipped->push_back(snap ? path.string() + ": seq does not match its name"
                              : snap.error().message);
  }
  return std::optional<snapshot>{};
}

}  // namespace strike::storage
