#include "daemon/report/optimize_data.hpp"

#include <simdjson.h>

#include <cstdio>

#include "base/file_io.hpp"

namespace strike::daemon::report {

namespace fs = std::filesystem;
using element = simdjson::dom::element;

namespace {

double number_of(element e) {
  double d = 0;
  std::int64_t i = 0;
  if (!e.get(i)) return static_cast<double>(i);
  if (!e.get(d)) return d;
  return 0;
}

std::int64_t integer_of(element e) {
  std::int64_t i = 0;
  double d = 0;
  if (!e.get(i)) return i;
  if (!e.get(d)) return static_cast<std::int64_t>(d);
  return 0;
}

std::string text_of(element e) {
  std::string_view s;
  return e.get(s) ? std::string() : std::string(s);
}

// A field of an object, 0 or empty when it is missing or of another type.
double number_at(element object, const char* key) {
  element v;
  return object[key].get(v) ? 0 : number_of(v);
}

std::int64_t integer_at(element object, const char* key) {
  element v;
  return object[key].get(v) ? 0 : integer_of(v);
}

std::string text_at(element object, const char* key) {
  element v;
  return object[key].get(v) ? std::string() : text_of(v);
}

std::optional<double> optional_number_at(element object, const char* key) {
  element v;
  if (object[key].get(v) || v.is_null()) return std::nullopt;
  return number_of(v);
}

trial_stats stats_of(element stats) {
  trial_stats s;
  if (stats.type() != simdjson::dom::element_type::OBJECT) return s;
  s.sessions = integer_at(stats, "sessions");
  s.trades = integer_at(stats, "trades");
  s.win_rate = number_at(stats, "win_rate");
  s.net_pnl_paise = integer_at(stats, "net_pnl_paise");
  s.max_drawdown_paise = integer_at(stats, "max_drawdown_paise");
  s.max_drawdown_pct = number_at(stats, "max_drawdown_pct");
  s.sharpe = number_at(stats, "sharpe");
  s.profit_factor = number_at(stats, "profit_factor");
  return s;
}

// A parameter's value as the sweep wrote it, and as a number when it is one.
void add_value(trial_result& t, element v) {
  std::int64_t i = 0;
  double d = 0;
  bool b = false;
  std::string_view s;
  if (!v.get(i)) {
    t.values.push_back(std::to_string(i));
    t.numbers.emplace_back(static_cast<double>(i));
  } else if (!v.get(d)) {
    // The shortest text that reads back the same in most sweeps, "10.0" or "0.25".
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.10g", d);
    std::string text = buf;
    if (text.find_first_of(".en") == std::string::npos) text += ".0";
    t.values.push_back(std::move(text));
    t.numbers.emplace_back(d);
  } else if (!v.get(b)) {
    t.values.push_back(b ? "true" : "false");
    t.numbers.emplace_back(std::nullopt);
  } else {
    t.values.push_back(v.get(s) ? "?" : std::string(s));
    t.numbers.emplace_back(std::nullopt);
  }
}

// One line of results.jsonl (or an in-sample or out-of-sample line of walk_forward.jsonl).
// names, when given, receives the parameters' names.
trial_result trial_of(element line, std::vector<std::string>* names) {
  trial_result t;
  t.trial = integer_at(line, "trial");
  simdjson::dom::object params;
  if (!line["params"].get(params))
    for (auto [key, value] : params) {
      if (names) names->emplace_back(key);
      add_value(t, value);
    }
  bool feasible = false;
  if (!line["feasible"].get(feasible)) t.feasible = feasible;
  t.error = text_at(line, "error");
  if (element o; !line["objective"].get(o)) t.objective = number_of(o);
  if (element s; !line["stats"].get(s)) t.stats = stats_of(s);
  return t;
}

sweep_summary summary_of(element e) {
  sweep_summary s;
  s.trials = integer_at(e, "trials");
  s.feasible = integer_at(e, "feasible");
  s.failed = integer_at(e, "failed");
  if (element b; !e["best"].get(b)) s.best = integer_of(b);
  s.objective = text_at(e, "objective");
  if (element v; !e["value"].get(v)) s.value = number_of(v);
  if (element d; !e["deflated_sharpe"].get(d)) {
    s.deflated_sharpe = number_at(d, "probability");
    s.daily_sharpe = number_at(d, "daily_sharpe");
    s.expected_max_sharpe = number_at(d, "expected_max");
  }
  if (element p; !e["pbo"].get(p)) {
    s.pbo = number_at(p, "probability");
    s.pbo_blocks = integer_at(p, "blocks");
  }
  return s;
}

result<std::optional<std::string>> optional_file(const fs::path& path) {
  std::error_code ec;
  if (!fs::exists(path, ec)) return std::optional<std::string>();
  auto text = base::read_file(path);
  if (!text) return text.error();
  return std::optional<std::string>(std::move(*text));
}

// Calls each(line element) for every line of text; an error names the file and line.
template <class Each>
status each_line(const fs::path& path, const std::string& text, Each each) {
  simdjson::dom::parser parser;
  std::size_t at = 0, number = 0;
  while (at < text.size()) {
    const std::size_t end = std::min(text.find('\n', at), text.size());
    const std::string line = text.substr(at, end - at);
    at = end + 1;
    ++number;
    if (line.empty()) continue;
    element e;
    if (parser.parse(line).get(e) || e.type() != simdjson::dom::element_type::OBJECT)
      return error{path.string() + ":" + std::to_string(number) + ": not a JSON object"};
    each(e);
  }
  return {};
}

result<std::optional<sweep_summary>> read_summary(const fs::path& path) {
  auto text = optional_file(path);
  if (!text) return text.error();
  if (!*text) return std::optional<sweep_summary>();
  simdjson::dom::parser parser;
  element e;
  if (parser.parse(**text).get(e) || e.type() != simdjson::dom::element_type::OBJECT)
    return error{path.string() + ": not a JSON object"};
  return std::optional<sweep_summary>(summary_of(e));
}

walk_fold fold_of(element line) {
  walk_fold f;
  f.window = integer_at(line, "window");
  if (element w; !line["train"].get(w)) {
    f.train_from = text_at(w, "from");
    f.train_to = text_at(w, "to");
    f.train_sessions = integer_at(w, "sessions");
  }
  if (element w; !line["test"].get(w)) {
    f.test_from = text_at(w, "from");
    f.test_to = text_at(w, "to");
    f.test_sessions = integer_at(w, "sessions");
  }
  if (element t; !line["trial"].get(t) && !t.is_null()) f.trial = integer_of(t);
  if (element in; !line["in_sample"].get(in)) f.in_sample = trial_of(in, nullptr).objective;
  if (element out; !line["out_of_sample"].get(out)) {
    const trial_result r = trial_of(out, nullptr);
    f.out_of_sample = r.objective;
    f.out_of_sample_stats = r.stats;
  }
  return f;
}

}  // namespace

bool is_optimization_dir(const fs::path& dir) {
  std::error_code ec;
  // Not summary.json alone: a backtest's directory holds one too, beside its journal.
  for (const char* name : {"results.jsonl", "walk_forward.jsonl"})
    if (fs::exists(dir / name, ec)) return true;
  return false;
}

result<optimization_data> read_optimization(const fs::path& dir) {
  optimization_data d;
  d.name = fs::absolute(dir).lexically_normal().filename().string();
  if (d.name.empty())  // "DIR/" ends in an empty name
    d.name = fs::absolute(dir).lexically_normal().parent_path().filename().string();
  auto summary = read_summary(dir / "summary.json");
  if (!summary) return summary.error();
  auto results = optional_file(dir / "results.jsonl");
  if (!results) return results.error();
  if (*results) {
    auto s = each_line(dir / "results.jsonl", **results, [&](element e) {
      d.trials.push_back(trial_of(e, d.parameters.empty() ? &d.parameters : nullptr));
    });
    if (!s) return s.error();
  }
  auto walk = optional_file(dir / "walk_forward.jsonl");
  if (!walk) return walk.error();
  if (!*walk) {
    d.summary = std::move(*summary);
    return d;
  }
  auto s = each_line(dir / "walk_forward.jsonl", **walk,
                     [&](element e) { d.folds.push_back(fold_of(e)); });
  if (!s) return s.error();
  for (walk_fold& f : d.folds) {
    auto window = read_summary(dir / ("window-" + std::to_string(f.window)) / "summary.json");
    if (!window) return window.error();
    f.training = std::move(*window);
  }
  // A walk-forward's summary.json is of the out-of-sample record, not of a sweep.
  auto text = optional_file(dir / "summary.json");
  if (!text) return text.error();
  if (*text) {
    simdjson::dom::parser parser;
    element e;
    if (parser.parse(**text).get(e) || e.type() != simdjson::dom::element_type::OBJECT)
      return error{(dir / "summary.json").string() + ": not a JSON object"};
    walk_summary w;
    w.objective = text_at(e, "objective");
    if (element o; !e["out_of_sample"].get(o)) {
      w.out_of_sample = number_at(o, "objective");
      w.out_of_sample_mean = optional_number_at(o, "window_mean");
      if (element st; !o["stats"].get(st)) w.out_of_sample_stats = stats_of(st);
    }
    if (element i; !e["in_sample"].get(i)) w.in_sample_mean = optional_number_at(i, "window_mean");
    d.walk = w;
  }
  return d;
}

}  // namespace strike::daemon::report
