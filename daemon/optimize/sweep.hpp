// A sweep file: which configuration keys an optimisation varies and over what, what it
// maximises, and what a trial must satisfy to count.
//
//     objective = "sharpe"        # net_pnl, sharpe, sortino, calmar or profit_factor
//     [constraints]
//     min_trades = 20
//     max_drawdown_pct = 15.0
//     [search]                    # present: random search; absent: the whole grid
//     samples = 200
//     seed = 7
//     [parameters]
//     "exits.stop_loss_pct" = [10.0, 15.0, 20.0]
//     "exits.trail_pct" = { from = 0.5, to = 3.0, step = 0.5 }
//     "exits.target_pct" = { uniform = [0.0, 10.0] }      # random search only
//     "exits.trail_activate_pct" = { log_uniform = [0.5, 8.0] }
//     "risk.max_consecutive_losses" = { int_uniform = [2, 5] }
//
// A parameter is any key of the configuration file, dotted from its section
// ("strategy.params.adx_min" for a strategy's). Trials are numbered from 0: a grid's in mixed
// radix over the parameters in name order (the last one fastest); a random trial's values are
// drawn from the seed and the trial's number alone, so any trial can be run anywhere.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <variant>
#include <vector>

#include <toml++/toml.h>

#include "base/result.hpp"

namespace strike::daemon::optimize {

using param_value = std::variant<std::int64_t, double, bool, std::string>;

// As TOML writes it: 15, 0.5, true, "text".
std::string to_toml(const param_value& v);

enum class param_kind { list, range, uniform, log_uniform, int_uniform };

struct sweep_parameter {
  std::string name;  // "exits.stop_loss_pct"
  int line = 0;      // in the sweep file
  param_kind kind = param_kind::list;
  std::vector<param_value> values;  // a list, or a range's points
  double low = 0, high = 0;         // a distribution's bounds
};

enum class objective { net_pnl, sharpe, sortino, calmar, profit_factor };
std::string_view to_string(objective o);

struct sweep_constraints {
  std::int64_t min_trades = 0;
  double max_drawdown_pct = 100;
};

struct sweep {
  std::filesystem::path file;
  std::string sha256;                       // of the file's bytes
  std::string text;                         // the file's bytes
  std::vector<sweep_parameter> parameters;  // in name order
  objective goal = objective::sharpe;
  sweep_constraints constraints;
  bool random = false;
  std::int64_t samples = 0;
  std::uint64_t seed = 0;

  std::int64_t trials() const;
  // Trial id's value of every parameter, in parameters' order.
  std::vector<param_value> trial(std::int64_t id) const;
};

// At most this many trials in one sweep.
inline constexpr std::int64_t max_trials = 10'000'000;

// Reads and checks path; errors read "file:line: message", every problem found.
result<sweep> load_sweep(const std::filesystem::path& path);
// The same, from the bytes of the file at absolute (which need not exist any longer).
result<sweep> parse_sweep(const std::string& bytes, const std::filesystem::path& absolute);

// Sets the dotted key name to value in t, creating tables as needed; an array of tables is
// entered by an element's name ("strategies.bank_revert.params.entry_z"); false when name runs
// through a key that is not a table.
bool set_key(toml::table& t, const std::string& name, const param_value& value);

// base with the trial's values set (tables created as needed); an error when a name runs
// through a key that is not a table.
result<toml::table> with_values(const toml::table& base, const sweep& s,
                                const std::vector<param_value>& values);

}  // namespace strike::daemon::optimize
