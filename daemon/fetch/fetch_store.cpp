#include "daemon/fetch/fetch_store.hpp"

#include <algorithm>

#include "storage/bar_file_format.hpp"

namespace strike::daemon::fetch {

namespace mk = strike::core::market;

result<fetch_store> fetch_store::open(std::filesystem::path dir, events::timeframe tf,
                                      mk::bar_grid grid) {
  auto ledger = storage::fetch_ledger::open(dir);
  if (!ledger) return ledger.error();
  return fetch_store(std::move(dir), tf, grid, std::move(*ledger));
}

fetch_store::fetch_store(std::filesystem::path dir, events::timeframe tf, mk::bar_grid grid,
                         storage::fetch_ledger ledger)
    : dir_(std::move(dir)), tf_(tf), grid_(grid), ledger_(std::move(ledger)) {}

result<std::vector<storage::stored_bar>> fetch_store::read_day(core::civil_date d) const {
  const std::string name = core::format_date(d);
  // The plain file wins when both exist (an interrupted compression), as list_bar_files says.
  for (auto ext : {storage::bar_file::extension, storage::bar_file::compressed_extension}) {
    const auto path = dir_ / (name + std::string(ext));
    std::error_code ec;
    if (std::filesystem::exists(path, ec)) return storage::read_bar_file(path);
  }
  return std::vector<storage::stored_bar>{};
}

void fetch_store::remember(core::civil_date d, std::span<const storage::stored_bar> bars) {
  auto& day = held_[d];
  day.clear();
  for (const auto& b : bars) {
    if (b.timeframe != tf_) continue;
    auto& h = day[b.instrument];
    ++h.bars;
    // Series are in start order within a file; max() keeps a damaged order from confusing us.
    if (b.value.start_ns >= h.last_start_ns) {
      h.last_start_ns = b.value.start_ns;
      h.last_close = b.value.close;
    }
  }
}

status fetch_store::scan(std::span<const core::civil_date> days) {
  for (const auto d : days) {
    auto bars = read_day(d);
    if (!bars) return bars.error();
    remember(d, *bars);
  }
  return {};
}

const held_series* fetch_store::held(core::civil_date d, std::string_view instrument) const {
  const auto day = held_.find(d);
  if (day == held_.end()) return nullptr;
  const auto it = day->second.find(instrument);
  return it == day->second.end() ? nullptr : &it->second;
}

bool fetch_store::complete(core::civil_date d, std::string_view instrument) const {
  const held_series* h = held(d, instrument);
  return series_complete(h ? *h : held_series{}, ledger_.bars(d, instrument, tf_),
                         mk::bar_period::of(tf_), grid_, d);
}

status fetch_store::write_day(core::civil_date d, const day_bars& fresh,
                              std::span<const std::string> final) {
  const bool changes =
      std::any_of(fresh.begin(), fresh.end(), [](const auto& f) { return !f.second.empty(); });
  if (changes) {
    auto existing = read_day(d);
    if (!existing) return existing.error();
    std::vector<storage::stored_bar> out;
    out.reserve(existing->size());
    for (auto& b : *existing) {
      const auto it = fresh.find(b.instrument);
      if (b.timeframe == tf_ && it != fresh.end() && !it->second.empty()) continue;
      out.push_back(std::move(b));
    }
    for (const auto& [instrument, bars] : fresh)
      for (const auto& b : bars) out.push_back({instrument, tf_, b});
    // Stable: each series is in start order already, and bars of one start keep file order.
    std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
      return a.value.start_ns < b.value.start_ns;
    });
    if (auto s = storage::replace_bar_file(dir_, d, out); !s) return s;
    remember(d, out);
  }
  std::vector<storage::fetch_record> records;
  for (const auto& instrument : final) {
    const held_series* h = held(d, instrument);
    records.push_back({d, instrument, tf_, h ? h->bars : 0});
  }
  return ledger_.append(records);
}

}  // namespace strike::daemon::fetch
