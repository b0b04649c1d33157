#include "storage/fetch_ledger.hpp"

#include <fcntl.h>
#include <simdjson.h>
#include <unistd.h>

#include <cerrno>

#include "base/file_io.hpp"
#include "base/json_writer.hpp"
#include "storage/bar_file_format.hpp"

namespace strike::storage {
namespace {

std::optional<fetch_record> parse_record(std::string_view line, simdjson::dom::parser& parser) {
  simdjson::dom::object o;
  if (parser.parse(line.data(), line.size()).get(o) != simdjson::SUCCESS) return std::nullopt;
  std::string_view date, instrument, tf;
  std::int64_t bars = 0;
  if (o["d"].get(date) || o["i"].get(instrument) || o["tf"].get(tf) || o["n"].get(bars))
    return std::nullopt;
  auto d = core::parse_date(date);
  auto timeframe = events::enum_from_string<events::timeframe>(tf);
  if (!d || !timeframe || instrument.empty() || bars < 0) return std::nullopt;
  return fetch_record{*d, std::string(instrument), *timeframe, bars};
}

}  // namespace

result<fetch_ledger> fetch_ledger::open(const std::filesystem::path& dir) {
  fetch_ledger ledger(dir);
  const auto path = dir / bar_file::ledger_name;
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) return ledger;
  auto text = base::read_file(path);
  if (!text) return text.error();
  simdjson::dom::parser parser;
  std::size_t pos = 0;
  for (int line = 1; pos < text->size(); ++line) {
    const auto nl = text->find('\n', pos);
    if (nl == std::string::npos) break;  // torn by a crash mid-append
    const std::string_view s(text->data() + pos, nl - pos);
    pos = nl + 1;
    auto r = parse_record(s, parser);
    if (!r) return error{path.string() + ":" + std::to_string(line) + ": not a fetch record"};
    ledger.records_[key{r->date, std::move(r->instrument), r->timeframe}] = r->bars;
  }
  return ledger;
}

std::optional<std::int64_t> fetch_ledger::bars(core::civil_date date, std::string_view instrument,
                                               events::timeframe tf) const {
  const auto it = records_.find(key{date, std::string(instrument), tf});
  if (it == records_.end()) return std::nullopt;
  return it->second;
}

status fetch_ledger::append(std::span<const fetch_record> records) {
  if (records.empty()) return {};
  std::string text;
  for (const auto& r : records) {
    base::json_writer w(text);
    w.begin_object().key("d").value(core::format_date(r.date)).key("i").value(r.instrument);
    w.key("tf").value(events::to_string(r.timeframe)).key("n").value(r.bars).end_object();
    text += '\n';
  }
  if (auto s = base::ensure_directory(dir_); !s) return s;
  const auto path = dir_ / bar_file::ledger_name;
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
  if (fd < 0) return errno_error("open(" + path.string() + ")", errno);
  auto written = base::write_all(fd, text, path);
  const int rc = written ? ::fdatasync(fd) : 0;
  const int err = errno;
  ::close(fd);
  if (!written) return written;
  if (rc != 0) return errno_error("fdatasync(" + path.string() + ")", err);
  for (const auto& r : records) records_[key{r.date, r.instrument, r.timeframe}] = r.bars;
  return {};
}

}  // namespace strike::storage
