#include "daemon/optimize/sweep_check.hpp"

#include "daemon/strategy_instances.hpp"
#include "daemon/config_table.hpp"

namespace strike::daemon::optimize {

namespace {

// "file:line:column: what" → "what", for each line of a configuration error.
std::string without_location(const std::string& text) {
  std::string out;
  std::size_t start = 0;
  while (start <= text.size()) {
    auto end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    std::string line = text.substr(start, end - start);
    if (const auto at = line.find(": "); at != std::string::npos) line = line.substr(at + 2);
    out += (out.empty() ? "" : "; ") + line;
    start = end + 1;
  }
  return out;
}

std::vector<param_value> points_to_check(const sweep_parameter& p) {
  switch (p.kind) {
    case param_kind::list:
    case param_kind::range: {
      if (p.values.size() <= max_checked) return p.values;
      std::vector<param_value> some(p.values.begin(),
                                    p.values.begin() + static_cast<std::ptrdiff_t>(max_checked));
      some.push_back(p.values.back());
      return some;
    }
    case param_kind::int_uniform:
      return {static_cast<std::int64_t>(p.low), static_cast<std::int64_t>(p.high)};
    case param_kind::uniform:
    case param_kind::log_uniform:
      return {p.low, p.high};
  }
  return {};
}

}  // namespace

status check_sweep(const sweep& s, const toml::table& base,
                   const std::filesystem::path& config_file) {
  std::string problems;
  for (const auto& p : s.parameters) {
    for (const auto& value : points_to_check(p)) {
      const std::string where =
          s.file.string() + ":" + std::to_string(p.line) + ": " + p.name + " = " + to_toml(value);
      toml::table trial = base;
      std::string why;
      if (!set_key(trial, p.name, value)) {
        why = "runs through a key that is not a table in the configuration";
      } else if (auto cfg = read_config(trial, config_file, ""); !cfg) {
        why = without_location(cfg.error().message);
      } else {
        if (auto made = make_strategy_instances(cfg->runtime); !made)
          why = made.error().message;
      }
      if (!why.empty()) {
        problems += (problems.empty() ? "" : "\n") + where + ": " + why;
        break;  // one failing value a parameter is enough to say
      }
    }
  }
  if (!problems.empty()) return error{problems};
  return {};
}

}  // namespace strike::daemon::optimize
