// Angel One instrument master: parsing a file of realistic size (~130k rows, ~30 MB, the shape of
// OpenAPIScripMaster.json) and building the index, then the O(1) option lookup.
//
//   build/release/bench/strike_bench --benchmark_filter=InstrumentMaster
#include <benchmark/benchmark.h>

#include <cstdio>
#include <string>

#include "brokers/angelone/instrument_master.hpp"
#include "brokers/instrument_index.hpp"
#include "core/ist.hpp"

namespace {

using namespace strike;

constexpr const char* months[] = {"JAN", "FEB", "MAR", "APR", "MAY", "JUN",
                                  "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"};

void row(std::string& out, const std::string& token, const std::string& symbol, const std::string& name,
         const std::string& expiry, long strike_paise, int lot, const char* type, const char* exch, int tick) {
  char buf[512];
  std::snprintf(buf, sizeof buf,
                R"({"token":"%s","symbol":"%s","name":"%s","expiry":"%s","strike":"%ld.000000","lotsize":"%d","instrumenttype":"%s","exch_seg":"%s","tick_size":"%d.000000"},)",
                token.c_str(), symbol.c_str(), name.c_str(), expiry.c_str(), strike_paise, lot, type, exch, tick);
  out += buf;
}

// ~130k rows: 10 index underlyings with weekly and monthly option chains, 180 stocks with monthly
// chains and futures, 2,000 cash equities and index rows.
std::string realistic_master() {
  std::string out = "[";
  out.reserve(40 << 20);
  int token = 1000;
  for (int i = 0; i < 2000; ++i) {
    const std::string name = "STOCK" + std::to_string(i);
    row(out, std::to_string(token++), name + "-EQ", name, "", -100, 1, "", "NSE", 5);
  }
  auto chain = [&](const std::string& name, int days_from, int expiries, int step_days, long centre, long step,
                   int strikes, int lot, const char* type) {
    for (int e = 0; e < expiries; ++e) {
      const auto d = core::civil_from_days(days_from + e * step_days);
      char exp[16], code[16];
      std::snprintf(exp, sizeof exp, "%02d%s%04d", d.day, months[d.month - 1], d.year);
      std::snprintf(code, sizeof code, "%02d%s%02d", d.day, months[d.month - 1], d.year % 100);
      row(out, std::to_string(token++), name + code + "FUT", name, exp, -100, lot, type[3] == 'I' ? "FUTIDX" : "FUTSTK", "NFO", 10);
      for (int k = -strikes; k <= strikes; ++k) {
        const long strike = centre + k * step;
        for (const char* right : {"CE", "PE"})
          row(out, std::to_string(token++), name + code + std::to_string(strike) + right, name, exp, strike * 100,
              lot, type, "NFO", 5);
      }
    }
  };
  const int start = static_cast<int>(core::days_from_civil({2026, 1, 6}));
  const char* indices[] = {"NIFTY", "BANKNIFTY", "FINNIFTY", "MIDCPNIFTY", "NIFTYNXT50",
                           "SENSEX", "BANKEX", "SENSEX50", "NIFTYIT", "NIFTYMETAL"};
  for (const char* idx : indices) chain(idx, start, 12, 7, 26000, 50, 100, 65, "OPTIDX");
  for (int i = 0; i < 180; ++i) chain("STOCK" + std::to_string(i), start + 20, 3, 28, 1000, 10, 40, 500, "OPTSTK");
  out.back() = ']';
  return out;
}

const std::string& master() {
  static const std::string m = realistic_master();
  return m;
}

void BM_InstrumentMasterParse(benchmark::State& state) {
  const auto& json = master();
  std::size_t rows = 0;
  for (auto _ : state) {
    auto parsed = brokers::angelone::parse_instrument_master(json);
    if (!parsed) state.SkipWithError(parsed.error().message.c_str());
    rows = parsed->rows.size();
    benchmark::DoNotOptimize(parsed);
  }
  state.counters["rows"] = static_cast<double>(rows);
  state.counters["MB"] = static_cast<double>(json.size()) / 1e6;
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * json.size()));
}
BENCHMARK(BM_InstrumentMasterParse)->Unit(benchmark::kMillisecond);

void BM_InstrumentMasterParseAndIndex(benchmark::State& state) {
  const auto& json = master();
  for (auto _ : state) {
    auto parsed = brokers::angelone::parse_instrument_master(json);
    brokers::instrument_index index(std::move(parsed->rows), "2026-01-05");
    benchmark::DoNotOptimize(index.size());
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * json.size()));
}
BENCHMARK(BM_InstrumentMasterParseAndIndex)->Unit(benchmark::kMillisecond);

void BM_InstrumentOptionLookup(benchmark::State& state) {
  auto parsed = brokers::angelone::parse_instrument_master(master());
  brokers::instrument_index index(std::move(parsed->rows), "2026-01-05");
  const core::civil_date expiry{2026, 1, 13};
  std::int64_t strike = 2'400'000;
  for (auto _ : state) {
    const auto* i = index.find_option("NIFTY", expiry, strike, brokers::option_right::call);
    benchmark::DoNotOptimize(i);
    strike = strike >= 2'800'000 ? 2'400'000 : strike + 5'000;
  }
}
BENCHMARK(BM_InstrumentOptionLookup);

void BM_InstrumentNearestStrike(benchmark::State& state) {
  auto parsed = brokers::angelone::parse_instrument_master(master());
  brokers::instrument_index index(std::move(parsed->rows), "2026-01-05");
  const core::civil_date expiry{2026, 1, 13};
  std::int64_t target = 2'400'000;
  for (auto _ : state) {
    const auto* i = index.nearest_option("NIFTY", expiry, target, brokers::option_right::put);
    benchmark::DoNotOptimize(i);
    target = target >= 2'800'000 ? 2'400'000 : target + 1'234;
  }
}
BENCHMARK(BM_InstrumentNearestStrike);

}  // namespace
