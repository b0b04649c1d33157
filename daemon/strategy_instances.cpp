#include "daemon/strategy_instances.hpp"

#include "core/strategy/registry.hpp"

namespace strike::daemon {

std::string built_instances::names() const {
  std::string out;
  for (const auto& in : instances)
    out += (out.empty() ? "" : ", ") + in.name + " (" + std::string(in.strategy->name()) + ")";
  return out;
}

result<built_instances> make_strategy_instances(const runtime_sections& r) {
  built_instances out;
  for (const auto& in : r.instances) {
    auto params = in.params;
    if (const auto* u = core::trading::find_underlying(r.underlyings, in.underlying)) {
      params.offer("underlying", u->name);
      params.offer("underlying_instrument", u->index);
    }
    auto made = core::strategy::builtin_strategies().make(in.strategy, params);
    if (!made) {
      if (r.instances.size() == 1) return made.error();
      return error{"[[strategies]] " + in.name + ": " + made.error().message};
    }
    out.strategies.push_back(std::move(*made));
    out.instances.push_back({in.name, out.strategies.back().get()});
  }
  return out;
}

std::vector<core::trading::underlying_spec> traded_underlyings(
    const runtime_sections& r, const std::vector<core::engine::strategy_instance>& instances) {
  std::vector<core::trading::underlying_spec> out;
  auto add = [&](const core::trading::underlying_spec* u) {
    if (u && !core::trading::find_underlying(out, u->name)) out.push_back(*u);
  };
  for (std::size_t i = 0; i < r.instances.size() && i < instances.size(); ++i) {
    if (!r.instances[i].underlying.empty()) {
      add(core::trading::find_underlying(r.underlyings, r.instances[i].underlying));
      continue;
    }
    for (const auto& instrument : instances[i].strategy->instruments())
      for (const auto& u : r.underlyings)
        if (u.index == instrument) add(&u);
  }
  if (out.empty()) add(core::trading::find_underlying(r.underlyings, "NIFTY"));
  return out;
}

std::vector<std::string> underlying_names(const std::vector<core::trading::underlying_spec>& u) {
  std::vector<std::string> out;
  for (const auto& spec : u) out.push_back(spec.name);
  return out;
}

}  // namespace strike::daemon
