#include "sim/instruments.hpp"

#include <cmath>
#include <cstdio>

#include "base/json_writer.hpp"
#include "sim/price_path.hpp"

namespace strike::sim {
namespace {

constexpr const char* months[] = {"JAN", "FEB", "MAR", "APR", "MAY", "JUN",
                                  "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"};
constexpr int tuesday = 2;

core::civil_date add_days(core::civil_date d, std::int64_t n) {
  return core::civil_from_days(core::days_from_civil(d) + n);
}

core::civil_date next_tuesday(core::civil_date d) {
  return add_days(d, (tuesday - core::weekday(d) + 7) % 7);
}

bool is_last_tuesday_of_month(core::civil_date d) {
  return core::weekday(d) == tuesday && add_days(d, 7).month != d.month;
}

std::string scaled(std::int64_t hundredths) {
  char buf[40];
  std::snprintf(buf, sizeof buf, "%lld.000000", static_cast<long long>(hundredths));
  return buf;
}

}  // namespace

std::int64_t lot_size_for(series s, core::civil_date expiry) {
  const bool from_2026 = expiry >= core::civil_date{2026, 1, 1};
  if (s == series::banknifty) return from_2026 ? 30 : 35;
  return from_2026 ? 65 : 75;
}

std::int64_t freeze_qty_for(series s) {
  return s == series::banknifty ? 900 : 1800;
}

std::string expiry_text(core::civil_date d) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%02d%s%04d", d.day, months[d.month - 1], d.year);
  return buf;
}

std::string expiry_text_short(core::civil_date d) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%02d%s%02d", d.day, months[d.month - 1], d.year % 100);
  return buf;
}

instrument_master::instrument_master(const instrument_settings& settings,
                                     core::civil_date start_day, double nifty_atm,
                                     double banknifty_atm, bool with_json) {
  add_index(series::nifty, "99926000", "Nifty 50", "NIFTY");
  add_index(series::banknifty, "99926009", "Nifty Bank", "BANKNIFTY");
  add_index(series::vix, "99926017", "India VIX", "INDIA VIX");
  add_options(series::nifty, settings, start_day, nifty_atm, 50, 40001);
  add_options(series::banknifty, settings, start_day, banknifty_atm, 100, 60001);
  for (std::size_t i = 0; i < rows_.size(); ++i) {
    by_token_[rows_[i].token] = i;
    by_symbol_[rows_[i].symbol] = i;
  }
  if (with_json) json_ = make_json();
}

void instrument_master::add_index(series s, std::string token, std::string symbol,
                                  std::string name) {
  instrument r;
  r.token = std::move(token);
  r.symbol = std::move(symbol);
  r.name = std::move(name);
  r.exch_seg = "NSE";
  r.instrumenttype = "AMXIDX";
  r.underlying = s;
  r.is_index = true;
  rows_.push_back(std::move(r));
}

void instrument_master::add_options(series s, const instrument_settings& settings,
                                    core::civil_date start_day, double atm, std::int64_t step,
                                    int first_token) {
  std::vector<core::civil_date> expiries;
  auto d = next_tuesday(start_day);
  const bool monthly = s == series::banknifty && settings.banknifty_monthly;
  while (static_cast<int>(expiries.size()) < settings.expiries) {
    if (!monthly || is_last_tuesday_of_month(d)) expiries.push_back(d);
    d = add_days(d, 7);
  }
  const std::int64_t centre =
      static_cast<std::int64_t>(std::llround(atm / static_cast<double>(step))) * step;
  int token = first_token;
  for (const auto& e : expiries) {
    for (int k = -settings.strikes_each_side; k <= settings.strikes_each_side; ++k) {
      const std::int64_t strike = centre + k * step;
      for (bool call : {true, false}) {
        instrument r;
        r.token = std::to_string(token++);
        r.name = series_name(s);
        r.symbol = r.name + expiry_text_short(e) + std::to_string(strike) + (call ? "CE" : "PE");
        r.expiry = expiry_text(e);
        r.exch_seg = "NFO";
        r.instrumenttype = "OPTIDX";
        r.strike_paise = strike * 100;
        r.lot_size = lot_size_for(s, e);
        r.tick_paise = 5;
        r.underlying = s;
        r.is_index = false;
        r.call = call;
        r.expiry_date = e;
        r.expiry_ns = session_close_ns(e);
        rows_.push_back(std::move(r));
      }
    }
  }
}

std::string instrument_master::make_json(core::civil_date listed_on) const {
  std::string json;
  base::json_writer w(json);
  w.begin_array();
  for (const auto& r : rows_) {
    if (!r.is_index && r.expiry_date < listed_on) continue;
    w.begin_object();
    w.key("token").value(r.token).key("symbol").value(r.symbol).key("name").value(r.name);
    w.key("expiry").value(r.expiry);
    w.key("strike").value(r.is_index ? std::string("0.000000") : scaled(r.strike_paise));
    w.key("lotsize")
        .value(std::to_string(r.lot_size))
        .key("instrumenttype")
        .value(r.instrumenttype);
    w.key("exch_seg").value(r.exch_seg).key("tick_size").value(scaled(r.tick_paise));
    w.end_object();
  }
  w.end_array();
  return json;
}

const instrument* instrument_master::by_token(std::string_view token) const {
  auto it = by_token_.find(token);
  return it == by_token_.end() ? nullptr : &rows_[it->second];
}

const instrument* instrument_master::by_symbol(std::string_view symbol) const {
  auto it = by_symbol_.find(symbol);
  return it == by_symbol_.end() ? nullptr : &rows_[it->second];
}

const instrument* instrument_master::index_of(series s) const {
  return &rows_[static_cast<std::size_t>(s)];
}

}  // namespace strike::sim
