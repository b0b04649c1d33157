#include "daemon/strategies_config.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <map>
#include <set>

#include "core/ist.hpp"

namespace strike::daemon {
namespace {

namespace tr = strike::core::trading;

// "2026-01-01 65": from the contracts expiring on that date, lots of 65.
bool parse_lot_size(const std::string& text, std::pair<std::string, std::int64_t>& out) {
  const auto space = text.find(' ');
  if (space == std::string::npos || !core::parse_date(text.substr(0, space))) return false;
  const std::string n = text.substr(space + 1);
  std::int64_t v = 0;
  auto [end, ec] = std::from_chars(n.data(), n.data() + n.size(), v);
  if (ec != std::errc{} || end != n.data() + n.size() || v <= 0) return false;
  out = {text.substr(0, space), v};
  return true;
}

void read_underlying(toml_reader r, tr::underlying_spec& u) {
  u.index = r.text("index", u.index);
  if (u.index.find(':') == std::string::npos)
    r.fail("index", "'" + u.index + "' is not \"EXCHANGE:TOKEN\"");
  u.option_step_paise = std::llround(
      r.number("option_step", static_cast<double>(u.option_step_paise) / 100.0, 0.05, 1e6) * 100);
  u.freeze_qty = r.integer("freeze_qty", u.freeze_qty, 0, 1'000'000'000);
  u.expiry = r.one_of("expiry", u.expiry, {"weekly", "monthly"});
  if (r.has("lot_sizes")) {
    u.lot_sizes.clear();
    for (const auto& text : r.text_list("lot_sizes", {})) {
      std::pair<std::string, std::int64_t> lot;
      if (!parse_lot_size(text, lot))
        r.fail("lot_sizes", "'" + text + "' is not \"YYYY-MM-DD lots\"");
      else
        u.lot_sizes.push_back(lot);
    }
    std::sort(u.lot_sizes.begin(), u.lot_sizes.end());
  }
  if (r.has("expiry_weekdays")) {
    std::vector<core::expiry_rule> rules;
    for (const auto& text : r.text_list("expiry_weekdays", {})) {
      if (auto rule = core::parse_expiry_rule(text))
        rules.push_back(*rule);
      else
        r.fail("expiry_weekdays", "'" + text + "' is not \"YYYY-MM-DD weekday\"");
    }
    u.expiry_weekdays = core::merge_expiry_rules(u.expiry_weekdays, rules);
  }
  if (u.lot_sizes.empty()) r.fail("lot_sizes", "names no lot size");
  r.finish();
}

}  // namespace

core::strategy::params read_strategy_params(toml_reader& r, std::string_view key) {
  std::map<std::string, core::strategy::params::value> values;
  if (const toml::table* t = r.raw_table(key)) {
    for (const auto& [k, v] : *t) {
      const std::string name(k.str());
      if (auto i = v.value_exact<std::int64_t>())
        values[name] = *i;
      else if (auto d = v.value_exact<double>())
        values[name] = *d;
      else if (auto b = v.value_exact<bool>())
        values[name] = *b;
      else if (auto str = v.value_exact<std::string>())
        values[name] = *str;
      else
        r.fail(key, "'" + name + "' must be a number, a boolean or a string");
    }
  }
  return core::strategy::params(std::move(values));
}

std::vector<tr::underlying_spec> read_underlyings(toml_reader& top) {
  auto all = tr::builtin_underlyings();
  if (!top.has("underlyings")) return all;
  auto table = top.table("underlyings");
  for (const auto& name : table.keys()) {
    tr::underlying_spec* u = nullptr;
    for (auto& known : all)
      if (known.name == name) u = &known;
    if (!u) {
      all.push_back(tr::underlying_spec{name, ""});
      u = &all.back();
      u->expiry_weekdays = core::nifty_weekly_expiry_rules();
    }
    read_underlying(table.table(name), *u);
  }
  table.finish();
  return all;
}

std::vector<strategy_instance_section> read_strategy_instances(
    toml_reader& top, const std::vector<tr::underlying_spec>& underlyings) {
  std::vector<strategy_instance_section> out;
  std::set<std::string> names;
  double shares = 0;
  for (auto& r : top.table_array("strategies")) {
    strategy_instance_section s;
    s.strategy = r.text("strategy", "");
    if (s.strategy.empty()) r.fail("strategy", "is required: the strategy's type");
    s.name = r.text("name", s.strategy);
    if (s.name.empty() || s.name.find_first_of(" \t|@\"") != std::string::npos)
      r.fail("name", "'" + s.name + "' must be a non-empty word (no spaces, '|', '@' or quotes)");
    else if (!names.insert(s.name).second)
      r.fail("name", "'" + s.name + "' names two instances");
    s.underlying = r.text("underlying", "");
    if (!s.underlying.empty() && !tr::find_underlying(underlyings, s.underlying))
      r.fail("underlying", "'" + s.underlying + "' is not in the underlyings table");
    s.capital_pct = r.number("capital_pct", 0, 0, 100);
    s.max_positions = r.integer("max_positions", 0, 0, 1000);
    s.daily_loss_pct = r.number("daily_loss_pct", 0, 0, 100);
    if (s.daily_loss_pct > 0 && s.capital_pct <= 0)
      r.fail("daily_loss_pct", "needs capital_pct: the loss is a share of the instance's capital");
    shares += s.capital_pct;
    s.params = read_strategy_params(r, "params");
    r.finish();
    out.push_back(std::move(s));
  }
  if (shares > 100.0 + 1e-9)
    top.fail("strategies", "capital_pct adds up to " + std::to_string(shares) + " %, above 100");
  return out;
}

}  // namespace strike::daemon
