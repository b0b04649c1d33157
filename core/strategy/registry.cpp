#include "core/strategy/registry.hpp"

namespace strike::core::strategy {

void registry::add(std::string name, factory make) { factories_.emplace_back(std::move(name), std::move(make)); }

result<std::unique_ptr<strategy>> registry::make(const std::string& name, params& p) const {
  for (const auto& [n, f] : factories_) {
    if (n != name) continue;
    auto made = f(p);
    if (!made) return made;
    p.finish();
    if (!p.problems().empty()) {
      std::string all;
      for (const auto& problem : p.problems()) all += (all.empty() ? "" : "; ") + problem;
      return error{"strategy " + name + ": " + all};
    }
    return made;
  }
  std::string known;
  for (const auto& n : names()) known += (known.empty() ? "" : ", ") + n;
  return error{"unknown strategy '" + name + "' (known: " + known + ")"};
}

std::vector<std::string> registry::names() const {
  std::vector<std::string> out;
  for (const auto& [n, f] : factories_) out.push_back(n);
  return out;
}

}  // namespace strike::core::strategy
