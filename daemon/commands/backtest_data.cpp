#include "daemon/commands/backtest_data.hpp"

#include <algorithm>
#include <map>
#include <vector>

#include "base/file_io.hpp"
#include "brokers/angelone/instrument_master.hpp"
#include "core/sha256.hpp"
#include "storage/bar_files.hpp"

namespace strike::daemon {

namespace {

// The instrument master files (scrip-master-YYYY-MM-DD.json) in dir, oldest first.
std::vector<std::filesystem::path> masters_in(const std::filesystem::path& dir) {
  std::vector<std::filesystem::path> out;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
    const auto name = entry.path().filename().string();
    if (name.rfind("scrip-master-", 0) == 0 && entry.path().extension() == ".json")
      out.push_back(entry.path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

// Where the bars and the masters of dir are: a state directory's bars/ and instruments/, or a
// bar directory with instruments/ inside or beside it.
struct data_layout {
  std::filesystem::path bars;
  std::vector<std::filesystem::path> master_files;
};

data_layout layout_of(const std::filesystem::path& dir) {
  data_layout out;
  out.bars = std::filesystem::is_directory(dir / "bars") ? dir / "bars" : dir;
  for (const auto& place : {dir / "instruments", out.bars.parent_path() / "instruments"})
    if (out.master_files.empty()) out.master_files = masters_in(place);
  return out;
}

}  // namespace

result<std::string> recorded_data_sha256(const std::filesystem::path& dir) {
  if (!std::filesystem::is_directory(dir))
    return error{dir.string() + ": no such data directory", {}};
  const auto layout = layout_of(dir);
  std::vector<std::filesystem::path> files = layout.master_files;
  auto days = storage::list_bar_files(layout.bars);
  if (!days) return days.error();
  for (const auto& d : *days) files.push_back(d.path);
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(dir / "candles", ec))
    if (entry.is_regular_file()) files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  core::sha256_stream all;
  for (const auto& f : files) {
    auto sum = core::file_sha256(f);
    if (!sum) return sum.error();
    all.update(f.lexically_relative(dir).string() + " " + *sum + "\n");
  }
  return all.hex();
}

result<recorded_data> open_recorded_data(const std::filesystem::path& dir,
                                         std::int64_t spread_paise, bool share_days) {
  if (!std::filesystem::is_directory(dir))
    return error{dir.string() + ": no such data directory", {}};
  const auto layout = layout_of(dir);
  const auto& bars_dir = layout.bars;
  const auto& masters = layout.master_files;
  if (masters.empty())
    return error{dir.string() +
                     ": no instrument master (instruments/scrip-master-YYYY-MM-DD.json) to name "
                     "the option contracts by",
                 {}};

  // Newer masters win for a token listed in several.
  std::map<std::string, brokers::instrument> by_id;
  for (const auto& path : masters) {
    auto text = base::read_file(path);
    if (!text) return text.error();
    auto parsed = brokers::angelone::parse_instrument_master(*text);
    if (!parsed) return error{path.string() + ": " + parsed.error().message, {}};
    for (auto& row : parsed->rows) by_id.insert_or_assign(row.id(), std::move(row));
  }
  std::vector<brokers::instrument> rows;
  rows.reserve(by_id.size());
  for (auto& [id, row] : by_id) rows.push_back(std::move(row));
  const auto as_of = masters.back().stem().string().substr(std::string("scrip-master-").size());
  recorded_data out;
  out.chain = std::make_shared<const index_option_chain>(
      std::make_shared<const brokers::instrument_index>(std::move(rows), as_of));
  backtest::recorded_options options;
  options.bars_dir = bars_dir;
  if (std::filesystem::is_directory(dir / "candles")) {
    auto candles = backtest::read_candle_days(dir / "candles");
    if (!candles) return candles.error();
    options.candles = std::make_shared<const backtest::candle_days>(std::move(*candles));
  }
  options.chain = out.chain.get();
  options.half_spread_paise = spread_paise;
  if (share_days) options.shared_days = std::make_shared<backtest::day_store>();
  out.options = options;
  auto market = backtest::recorded_market::open(options);
  if (!market) return market.error();
  out.market = std::move(*market);
  return out;
}

result<std::unique_ptr<backtest::recorded_market>> data_market(const recorded_data& data,
                                                               std::int64_t spread_paise) {
  auto options = data.options;
  options.half_spread_paise = spread_paise;
  return backtest::recorded_market::open(options);
}

}  // namespace strike::daemon
