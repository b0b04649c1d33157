#include "storage/bar_files.hpp"

#include <fcntl.h>
#include <unistd.h>
#include <zstd.h>

#include <algorithm>
#include <cassert>
#include <cerrno>
#include <charconv>
#include <map>

#include "base/failure_probes.hpp"
#include "base/file_io.hpp"
#include "storage/bar_file_format.hpp"

namespace strike::storage {
namespace {

using core::market::bar;

void append_int(std::string& out, std::int64_t v) {
  char buf[24];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
  out.append(buf, end);
}

void encode(std::string& out, std::string_view instrument, events::timeframe tf, const bar& b) {
  out.clear();
  out += "{\"i\":\"";
  out += instrument;  // "EXCHANGE:TOKEN": nothing to escape
  out += "\",\"tf\":\"";
  out += events::to_string(tf);
  out += "\",\"t\":";
  append_int(out, b.start_ns);
  const std::pair<const char*, std::int64_t> fields[] = {
      {",\"o\":", b.open},  {",\"h\":", b.high},   {",\"l\":", b.low},
      {",\"c\":", b.close}, {",\"v\":", b.volume}, {",\"oi\":", b.oi}};
  for (const auto& [key, value] : fields) {
    out += key;
    append_int(out, value);
  }
  out += "}\n";
}

// Reads our own fixed-order line format; nullopt on anything else.
class line_parser {
 public:
  explicit line_parser(std::string_view s) : s_(s) {}

  std::optional<stored_bar> parse() {
    stored_bar b;
    std::string_view tf;
    if (!lit("{\"i\":\"") || !text(b.instrument) || !lit("\",\"tf\":\"") || !raw_text(tf) ||
        !lit("\",\"t\":") || !num(b.value.start_ns) || !lit(",\"o\":") || !num(b.value.open) ||
        !lit(",\"h\":") || !num(b.value.high) || !lit(",\"l\":") || !num(b.value.low) ||
        !lit(",\"c\":") || !num(b.value.close) || !lit(",\"v\":") || !num(b.value.volume) ||
        !lit(",\"oi\":") || !num(b.value.oi) || !lit("}") || pos_ != s_.size())
      return std::nullopt;
    auto timeframe = events::enum_from_string<events::timeframe>(tf);
    if (!timeframe || b.instrument.empty()) return std::nullopt;
    b.timeframe = *timeframe;
    return b;
  }

 private:
  bool lit(std::string_view l) {
    if (s_.substr(pos_, l.size()) != l) return false;
    pos_ += l.size();
    return true;
  }
  bool raw_text(std::string_view& out) {
    const auto end = s_.find('"', pos_);
    if (end == std::string_view::npos) return false;
    out = s_.substr(pos_, end - pos_);
    if (out.find('\\') != std::string_view::npos) return false;
    pos_ = end;
    return true;
  }
  bool text(std::string& out) {
    std::string_view v;
    if (!raw_text(v)) return false;
    out = v;
    return true;
  }
  bool num(std::int64_t& out) {
    auto [end, ec] = std::from_chars(s_.data() + pos_, s_.data() + s_.size(), out);
    if (ec != std::errc{}) return false;
    pos_ = static_cast<std::size_t>(end - s_.data());
    return true;
  }

  std::string_view s_;
  std::size_t pos_ = 0;
};

result<std::string> decompress(const std::string& packed, const std::filesystem::path& path) {
  std::string out;
  ZSTD_DCtx* ctx = ZSTD_createDCtx();
  std::string chunk(ZSTD_DStreamOutSize(), '\0');
  ZSTD_inBuffer in{packed.data(), packed.size(), 0};
  std::size_t last = 0;
  while (in.pos < in.size) {
    ZSTD_outBuffer o{chunk.data(), chunk.size(), 0};
    last = ZSTD_decompressStream(ctx, &o, &in);
    if (ZSTD_isError(last)) {
      ZSTD_freeDCtx(ctx);
      return error{path.string() + ": not a valid zstd file: " + ZSTD_getErrorName(last)};
    }
    out.append(chunk.data(), o.pos);
  }
  ZSTD_freeDCtx(ctx);
  if (last != 0) return error{path.string() + ": zstd stream is truncated"};
  return out;
}

std::optional<core::civil_date> date_of(const std::filesystem::path& p, bool& compressed) {
  const std::string name = p.filename().string();
  if (name.size() == 10 + bar_file::compressed_extension.size() &&
      name.ends_with(bar_file::compressed_extension))
    compressed = true;
  else if (name.size() == 10 + bar_file::extension.size() && name.ends_with(bar_file::extension))
    compressed = false;
  else
    return std::nullopt;
  return core::parse_date(std::string_view(name).substr(0, 10));
}

status fsync_and_close(int fd, const std::filesystem::path& path) {
  const int rc = ::fdatasync(fd);
  const int err = errno;
  ::close(fd);
  if (rc != 0) return errno_error("fdatasync(" + path.string() + ")", err);
  return {};
}

}  // namespace

bar_file_writer::~bar_file_writer() {
  (void)close();
}

status bar_file_writer::open_day(std::int64_t day) {
  if (auto s = close(); !s) return s;
  if (auto s = base::ensure_directory(dir_); !s) return s;
  const auto path =
      dir_ / (core::format_date(core::civil_from_days(day)) + std::string(bar_file::extension));
  fd_ = ::open(path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
  if (fd_ < 0) return errno_error("open(" + path.string() + ")", errno);
  day_ = day;
  return {};
}

status bar_file_writer::append(std::string_view instrument, events::timeframe tf, const bar& b) {
  const std::int64_t day = core::days_from_civil(core::ist_date(b.start_ns));
  if (fd_ < 0 || day != day_) {
    if (auto s = open_day(day); !s) return s;
  }
  encode(line_, instrument, tf, b);
  if (base::probes::hit(base::probes::point::bar_file_write))
    return error{dir_.string() + ": injected failure (bar_file.write)"};
  return base::write_all(fd_, line_, dir_);
}

status bar_file_writer::sync() {
  if (fd_ >= 0 && ::fdatasync(fd_) != 0)
    return errno_error("fdatasync(" + dir_.string() + ")", errno);
  return {};
}

status bar_file_writer::close() {
  if (fd_ < 0) return {};
  const int fd = fd_;
  fd_ = -1;
  day_ = -1;
  return fsync_and_close(fd, dir_);
}

result<std::vector<stored_bar>> read_bar_file(const std::filesystem::path& path) {
  auto bytes = base::read_file(path);
  if (!bytes) return bytes.error();
  std::string text;
  if (path.string().ends_with(bar_file::compressed_extension)) {
    auto plain = decompress(*bytes, path);
    if (!plain) return plain.error();
    text = std::move(*plain);
  } else {
    text = std::move(*bytes);
  }
  std::vector<stored_bar> out;
  std::size_t pos = 0;
  for (int line = 1; pos < text.size(); ++line) {
    const auto nl = text.find('\n', pos);
    if (nl == std::string::npos) break;  // a torn last line: the crash came mid-write
    const std::string_view s(text.data() + pos, nl - pos);
    pos = nl + 1;
    auto b = s.size() <= bar_file::max_line_bytes ? line_parser(s).parse() : std::nullopt;
    if (!b) return error{path.string() + ":" + std::to_string(line) + ": not a bar line"};
    out.push_back(std::move(*b));
  }
  return out;
}

status replace_bar_file(const std::filesystem::path& dir, core::civil_date date,
                        std::span<const stored_bar> bars) {
  std::string text, line;
  for (const auto& b : bars) {
    assert(core::ist_date(b.value.start_ns) == date);
    encode(line, b.instrument, b.timeframe, b.value);
    text += line;
  }
  if (auto s = base::ensure_directory(dir); !s) return s;
  const std::string name = core::format_date(date);
  if (auto s = base::write_file_atomic(dir / (name + std::string(bar_file::extension)), text); !s)
    return s;
  // The plain file wins over a compressed one of the same day, so removing it last is safe.
  const auto packed = dir / (name + std::string(bar_file::compressed_extension));
  std::error_code ec;
  const bool removed = std::filesystem::remove(packed, ec);
  if (ec) return error{"remove " + packed.string() + ": " + ec.message(), ec};
  return removed ? base::sync_directory(dir) : status{};
}

result<std::vector<bar_day_file>> list_bar_files(const std::filesystem::path& dir) {
  std::map<core::civil_date, bar_day_file> days;
  std::error_code ec;
  if (!std::filesystem::exists(dir, ec)) return std::vector<bar_day_file>{};
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
    bool compressed = false;
    const auto date = date_of(entry.path(), compressed);
    if (!date) continue;
    auto [it, fresh] = days.try_emplace(*date, bar_day_file{*date, entry.path(), compressed});
    if (!fresh && !compressed) it->second = {*date, entry.path(), false};
  }
  if (ec) return error{"list " + dir.string() + ": " + ec.message(), ec};
  std::vector<bar_day_file> out;
  for (auto& [d, f] : days) out.push_back(std::move(f));
  return out;
}

result<int> compress_bar_files(const std::filesystem::path& dir, core::civil_date before) {
  auto files = list_bar_files(dir);
  if (!files) return files.error();
  int done = 0;
  for (const auto& f : *files) {
    if (f.compressed || !(f.date < before)) continue;
    auto plain = base::read_file(f.path);
    if (!plain) return plain.error();
    std::string packed(ZSTD_compressBound(plain->size()), '\0');
    const std::size_t n = ZSTD_compress(packed.data(), packed.size(), plain->data(), plain->size(),
                                        bar_file::zstd_level);
    if (ZSTD_isError(n)) return error{f.path.string() + ": zstd: " + ZSTD_getErrorName(n)};
    packed.resize(n);
    auto target = dir / (core::format_date(f.date) + std::string(bar_file::compressed_extension));
    if (auto s = base::write_file_atomic(target, packed); !s) return s.error();
    std::error_code ec;
    std::filesystem::remove(f.path, ec);
    if (ec) return error{"remove " + f.path.string() + ": " + ec.message(), ec};
    if (auto s = base::sync_directory(dir); !s) return s.error();
    ++done;
  }
  return done;
}

result<load_report> load_bar_files(const std::filesystem::path& dir, bar_store& store,
                                   const load_options& options) {
  auto files = list_bar_files(dir);
  if (!files) return files.error();
  load_report report;
  const std::size_t keep = static_cast<std::size_t>(std::max(0, options.days));
  const std::size_t first = files->size() > keep ? files->size() - keep : 0;
  auto wanted = [&](const std::string& name) {
    return options.instruments.empty() ||
           std::find(options.instruments.begin(), options.instruments.end(), name) !=
               options.instruments.end();
  };
  for (std::size_t i = first; i < files->size(); ++i) {
    auto bars = read_bar_file((*files)[i].path);
    if (!bars) return bars.error();
    ++report.files;
    for (const auto& b : *bars) {
      if (!wanted(b.instrument)) continue;
      if (store.append(b.instrument, b.timeframe, b.value))
        ++report.bars;
      else
        ++report.out_of_order;
    }
  }
  return report;
}

}  // namespace strike::storage
