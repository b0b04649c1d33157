#include "daemon/optimize/sweep.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>

#include "base/file_io.hpp"
#include "core/sha256.hpp"

namespace strike::daemon::optimize {

namespace {

class problems {
 public:
  explicit problems(std::string file) : file_(std::move(file)) {}
  void add(const toml::node* at, const std::string& message) {
    const int line = at ? static_cast<int>(at->source().begin.line) : 0;
    text_ += (text_.empty() ? "" : "\n") + file_ + ":" + std::to_string(line) + ": " + message;
  }
  bool any() const { return !text_.empty(); }
  const std::string& text() const { return text_; }

 private:
  std::string file_;
  std::string text_;
};

std::optional<param_value> scalar(const toml::node& n) {
  if (auto i = n.value_exact<std::int64_t>()) return *i;
  if (auto d = n.value_exact<double>()) return *d;
  if (auto b = n.value_exact<bool>()) return *b;
  if (auto s = n.value_exact<std::string>()) return *s;
  return std::nullopt;
}

std::optional<double> number(const toml::node* n) {
  if (!n) return std::nullopt;
  if (auto i = n->value_exact<std::int64_t>()) return static_cast<double>(*i);
  return n->value_exact<double>();
}

// t's integer at key, or `missing` when it is absent or not an integer.
std::int64_t whole_or(const toml::table& t, std::string_view key, std::int64_t missing) {
  const auto* n = t.get(key);
  return n && n->is_integer() ? n->as_integer()->get() : missing;
}

// Keys of t that are not in allowed, each reported.
void unknown_keys(const toml::table& t, std::initializer_list<std::string_view> allowed,
                  const std::string& where, problems& p) {
  for (const auto& [k, v] : t) {
    bool known = false;
    for (auto a : allowed) known = known || k.str() == a;
    if (!known) p.add(&v, "unknown key '" + std::string(k.str()) + "'" + where);
  }
}

// A range's points; ints when from, to and step all are.
std::vector<param_value> range_points(const toml::table& t, const std::string& name, problems& p) {
  const auto from = number(t.get("from")), to = number(t.get("to"));
  const toml::node* step_node = t.get("step");
  const bool ints = t.get("from")->is_integer() && t.get("to") && t.get("to")->is_integer() &&
                    (!step_node || step_node->is_integer());
  const double step = step_node ? number(step_node).value_or(0) : 1;
  if (!from || !to) {
    p.add(&t, name + ": a range needs numbers 'from' and 'to'");
    return {};
  }
  if (!(step > 0)) {
    p.add(step_node ? step_node : &t, name + ": 'step' must be a number above 0");
    return {};
  }
  if (*to < *from) {
    p.add(&t, name + ": 'from' is above 'to'");
    return {};
  }
  const double span = (*to - *from) / step;
  if (span >= static_cast<double>(max_trials)) {
    p.add(&t, name + ": more than " + std::to_string(max_trials) + " points");
    return {};
  }
  const auto n = static_cast<std::int64_t>(std::floor(span + 1e-9)) + 1;
  std::vector<param_value> out;
  for (std::int64_t i = 0; i < n; ++i) {
    if (ints)
      out.emplace_back(static_cast<std::int64_t>(*from) + i * static_cast<std::int64_t>(step));
    else  // 0.1 + 2 × 0.1 is 0.30000000000000004: points are kept to a billionth
      out.emplace_back(std::round((*from + static_cast<double>(i) * step) * 1e9) / 1e9);
  }
  return out;
}

void read_parameter(const std::string& name, const toml::node& v, sweep& s, problems& p) {
  sweep_parameter param;
  param.name = name;
  param.line = static_cast<int>(v.source().begin.line);
  const auto dot = name.find('.');
  if (dot == std::string::npos || dot == 0 || name.back() == '.') {
    p.add(&v, "'" + name + "': name a configuration key with its section, like exits.trail_pct");
    return;
  }
  if (const auto* list = v.as_array()) {
    if (list->empty()) p.add(&v, name + ": an empty list");
    for (const auto& item : *list) {
      if (auto x = scalar(item))
        param.values.push_back(*x);
      else
        p.add(&item, name + ": list values must be numbers, booleans or strings");
    }
  } else if (const auto* t = v.as_table()) {
    const auto distribution = [&](std::string_view key, param_kind kind) {
      const auto* bounds = t->get(key)->as_array();
      const bool ints = kind == param_kind::int_uniform;
      if (!bounds || bounds->size() != 2 || !number(bounds->get(0)) || !number(bounds->get(1)) ||
          (ints && !(bounds->get(0)->is_integer() && bounds->get(1)->is_integer()))) {
        p.add(t->get(key), name + ": " + std::string(key) + " takes [low, high]" +
                               (ints ? ", whole numbers" : ""));
        return;
      }
      param.kind = kind;
      param.low = *number(bounds->get(0));
      param.high = *number(bounds->get(1));
      if (param.high < param.low) p.add(t->get(key), name + ": low is above high");
      if (kind == param_kind::log_uniform && param.low <= 0)
        p.add(t->get(key), name + ": log_uniform needs low above 0");
      if (!s.random)
        p.add(&v, name + ": a distribution is drawn from: add [search] with samples and seed");
    };
    if (t->contains("from")) {
      unknown_keys(*t, {"from", "to", "step"}, " in the range of " + name, p);
      param.kind = param_kind::range;
      param.values = range_points(*t, name, p);
    } else if (t->contains("uniform")) {
      unknown_keys(*t, {"uniform"}, " in " + name, p);
      distribution("uniform", param_kind::uniform);
    } else if (t->contains("log_uniform")) {
      unknown_keys(*t, {"log_uniform"}, " in " + name, p);
      distribution("log_uniform", param_kind::log_uniform);
    } else if (t->contains("int_uniform")) {
      unknown_keys(*t, {"int_uniform"}, " in " + name, p);
      distribution("int_uniform", param_kind::int_uniform);
    } else {
      p.add(&v, name +
                    ": a table gives a range (from, to, step) or a distribution (uniform, "
                    "log_uniform or int_uniform)");
    }
  } else if (auto x = scalar(v)) {
    param.values.push_back(*x);  // a fixed value: one point
  } else {
    p.add(&v, name + ": give a list, a range or a distribution");
  }
  s.parameters.push_back(std::move(param));
}

// SplitMix64: a trial's draws depend on the seed and its number only.
class draws {
 public:
  draws(std::uint64_t seed, std::int64_t trial)
      : state_(seed ^ (static_cast<std::uint64_t>(trial) + 1) * 0x9E3779B97F4A7C15ull) {}
  double unit() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }

 private:
  std::uint64_t next() {
    std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  std::uint64_t state_;
};

}  // namespace

std::string to_toml(const param_value& v) {
  if (const auto* i = std::get_if<std::int64_t>(&v)) return std::to_string(*i);
  if (const auto* b = std::get_if<bool>(&v)) return *b ? "true" : "false";
  if (const auto* d = std::get_if<double>(&v)) {
    char buf[64];
    const auto r = std::to_chars(buf, buf + sizeof buf, *d);
    std::string text(buf, r.ptr);
    if (text.find_first_of(".eEn") == std::string::npos) text += ".0";  // stays a float
    return text;
  }
  std::string out = "\"";
  for (char c : std::get<std::string>(v)) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

std::string_view to_string(objective o) {
  switch (o) {
    case objective::net_pnl:
      return "net_pnl";
    case objective::sharpe:
      return "sharpe";
    case objective::sortino:
      return "sortino";
    case objective::calmar:
      return "calmar";
    case objective::profit_factor:
      return "profit_factor";
  }
  return "sharpe";
}

std::int64_t sweep::trials() const {
  if (random) return samples;
  std::int64_t n = 1;
  for (const auto& p : parameters) n *= static_cast<std::int64_t>(p.values.size());
  return n;
}

std::vector<param_value> sweep::trial(std::int64_t id) const {
  std::vector<param_value> out(parameters.size());
  if (!random) {
    for (std::size_t i = parameters.size(); i-- > 0;) {
      const auto n = static_cast<std::int64_t>(parameters[i].values.size());
      out[i] = parameters[i].values[static_cast<std::size_t>(id % n)];
      id /= n;
    }
    return out;
  }
  draws d(seed, id);
  for (std::size_t i = 0; i < parameters.size(); ++i) {
    const auto& p = parameters[i];
    const double u = d.unit();
    switch (p.kind) {
      case param_kind::list:
      case param_kind::range:
        out[i] = p.values[static_cast<std::size_t>(u * static_cast<double>(p.values.size()))];
        break;
      case param_kind::uniform:
        out[i] = p.low + u * (p.high - p.low);
        break;
      case param_kind::log_uniform:
        out[i] = std::exp(std::log(p.low) + u * (std::log(p.high) - std::log(p.low)));
        break;
      case param_kind::int_uniform:
        out[i] =
            static_cast<std::int64_t>(p.low) + static_cast<std::int64_t>(u * (p.high - p.low + 1));
        break;
    }
  }
  return out;
}

result<sweep> load_sweep(const std::filesystem::path& path) {
  const auto absolute = std::filesystem::absolute(path).lexically_normal();
  auto bytes = base::read_file(absolute);
  if (!bytes) return error{absolute.string() + ": cannot read: " + bytes.error().message};
  return parse_sweep(*bytes, absolute);
}

result<sweep> parse_sweep(const std::string& bytes, const std::filesystem::path& absolute) {
  toml::table root;
  try {
    root = toml::parse(bytes, absolute.string());
  } catch (const toml::parse_error& e) {
    return error{absolute.string() + ":" + std::to_string(e.source().begin.line) + ": " +
                 std::string(e.description())};
  }
  sweep s;
  s.file = absolute;
  s.sha256 = core::sha256_hex(bytes);
  s.text = bytes;
  problems p(absolute.string());
  unknown_keys(root, {"objective", "constraints", "search", "parameters"}, "", p);

  if (const auto* o = root.get("objective")) {
    const auto text = o->value_exact<std::string>().value_or("");
    bool known = false;
    for (auto goal : {objective::net_pnl, objective::sharpe, objective::sortino, objective::calmar,
                      objective::profit_factor})
      if (text == to_string(goal)) s.goal = goal, known = true;
    if (!known) p.add(o, "objective: one of net_pnl, sharpe, sortino, calmar, profit_factor");
  }
  if (const auto* c = root.get_as<toml::table>("constraints")) {
    unknown_keys(*c, {"min_trades", "max_drawdown_pct"}, " in [constraints]", p);
    if (const auto* n = c->get("min_trades")) {
      const auto v = n->value_exact<std::int64_t>();
      if (!v || *v < 0) p.add(n, "min_trades: a whole number, 0 or more");
      s.constraints.min_trades = v.value_or(0);
    }
    if (const auto* n = c->get("max_drawdown_pct")) {
      const auto v = number(n);
      if (!v || *v <= 0 || *v > 100) p.add(n, "max_drawdown_pct: a percentage above 0, to 100");
      s.constraints.max_drawdown_pct = v.value_or(100);
    }
  }
  if (const auto* r = root.get_as<toml::table>("search")) {
    unknown_keys(*r, {"samples", "seed"}, " in [search]", p);
    s.random = true;
    const std::int64_t samples = whole_or(*r, "samples", -1), seed = whole_or(*r, "seed", -1);
    if (samples < 1 || samples > max_trials)
      p.add(r, "[search] samples: a whole number from 1 to " + std::to_string(max_trials));
    if (seed < 0) p.add(r, "[search] seed: a whole number, 0 or more");
    s.samples = std::max<std::int64_t>(samples, 0);
    s.seed = static_cast<std::uint64_t>(std::max<std::int64_t>(seed, 0));
  }
  const auto* params = root.get_as<toml::table>("parameters");
  if (!params || params->empty())
    p.add(params ? static_cast<const toml::node*>(params) : &root,
          "[parameters]: name at least one configuration key to vary");
  else
    for (const auto& [k, v] : *params) read_parameter(std::string(k.str()), v, s, p);

  if (!p.any() && !s.random) {
    double n = 1;
    for (const auto& param : s.parameters) n *= static_cast<double>(param.values.size());
    if (n > static_cast<double>(max_trials))
      p.add(params, "the grid has " + std::to_string(static_cast<long long>(n)) +
                        " trials, more than " + std::to_string(max_trials) +
                        "; narrow it, or use [search]");
  }
  if (p.any()) return error{p.text()};
  return s;
}

namespace {

// The table of an array of tables ([[strategies]]) whose `name` is name (a nameless one by its
// `strategy`, the name it takes), or null.
toml::table* named_element(toml::array& list, const std::string& name) {
  for (auto& element : list) {
    auto* t = element.as_table();
    if (!t) continue;
    const auto* own = t->get_as<std::string>("name");
    const auto* type = t->get_as<std::string>("strategy");
    if ((own && own->get() == name) || (!own && type && type->get() == name)) return t;
  }
  return nullptr;
}

}  // namespace

bool set_key(toml::table& root, const std::string& name, const param_value& value) {
  toml::table* t = &root;
  std::size_t start = 0;
  toml::array* list = nullptr;  // the previous part was an array of tables: this one names one
  for (auto dot = name.find('.'); dot != std::string::npos; dot = name.find('.', start)) {
    const std::string part = name.substr(start, dot - start);
    start = dot + 1;
    if (list) {
      t = named_element(*list, part);
      list = nullptr;
      if (!t) return false;
      continue;
    }
    if (!t->contains(part)) t->insert(part, toml::table{});
    if (auto* array = t->get(part)->as_array()) {
      list = array;
      continue;
    }
    t = t->get(part)->as_table();
    if (!t) return false;
  }
  if (list) return false;
  const std::string key = name.substr(start);
  std::visit([&](const auto& v) { t->insert_or_assign(key, v); }, value);
  return true;
}

result<toml::table> with_values(const toml::table& base, const sweep& s,
                                const std::vector<param_value>& values) {
  toml::table out = base;
  for (std::size_t i = 0; i < s.parameters.size(); ++i)
    if (!set_key(out, s.parameters[i].name, values[i]))
      return error{s.file.string() + ":" + std::to_string(s.parameters[i].line) + ": " +
                   s.parameters[i].name +
                   ": runs through a key that is not a table in the "
                   "configuration"};
  return out;
}

}  // namespace strike::daemon::optimize
