#include "daemon/optimize/results.hpp"

#include <map>

#include "base/json_writer.hpp"
#include "daemon/commands/stats_format.hpp"

namespace strike::daemon::optimize {

double objective_value(objective goal, const core::report::trading_stats& s) {
  switch (goal) {
    case objective::net_pnl:
      return static_cast<double>(s.net_pnl_paise);
    case objective::sharpe:
      return s.sharpe;
    case objective::sortino:
      return s.sortino;
    case objective::calmar:
      return s.calmar;
    case objective::profit_factor:
      return s.profit_factor;
  }
  return s.sharpe;
}

bool feasible(const sweep_constraints& c, const trial_outcome& t) {
  return t.error.empty() && t.stats.trades >= c.min_trades &&
         t.stats.max_drawdown_pct <= c.max_drawdown_pct;
}

std::string result_line(const sweep& s, const trial_outcome& t) {
  std::string out;
  base::json_writer w(out);
  w.begin_object().key("trial").value(t.id).key("params").begin_object();
  for (std::size_t i = 0; i < s.parameters.size(); ++i) {
    w.escaped_key(s.parameters[i].name);
    std::visit(
        [&w](const auto& v) {
          if constexpr (std::is_same_v<std::decay_t<decltype(v)>, std::string>)
            w.value(std::string_view(v));
          else
            w.value(v);
        },
        t.values[i]);
  }
  w.end_object().key("feasible").value(feasible(s.constraints, t));
  if (!t.error.empty()) {
    w.key("error").value(std::string_view(t.error)).end_object();
    return out + "\n";
  }
  w.key("objective").value(objective_value(s.goal, t.stats));
  std::string stats = stats_json(t.stats);
  stats.pop_back();  // its newline
  w.key("stats").raw(stats).end_object();
  return out + "\n";
}

std::string best_toml(const sweep& s, std::int64_t id, const std::vector<param_value>& values,
                      double objective) {
  // Grouped by section, in name order: "exits.trail_pct" goes under [exits].
  std::map<std::string, std::string> sections;
  for (std::size_t i = 0; i < s.parameters.size(); ++i) {
    const std::string& name = s.parameters[i].name;
    const auto dot = name.rfind('.');
    sections[name.substr(0, dot)] += name.substr(dot + 1) + " = " + to_toml(values[i]) + "\n";
  }
  std::string out = "# trial " + std::to_string(id) + " of " + s.file.filename().string() + ": " +
                    std::string(to_string(s.goal)) + " " + to_toml(objective) + "\n";
  for (const auto& [section, keys] : sections) out += "\n[" + section + "]\n" + keys;
  return out;
}

}  // namespace strike::daemon::optimize
