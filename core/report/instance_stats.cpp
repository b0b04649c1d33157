#include "core/report/instance_stats.hpp"

namespace strike::core::report {

namespace ev = strike::events;

trading_stats_builder& instance_stats_builder::of(const std::string& instance) {
  const std::string name = instance.empty() ? "-" : instance;
  auto [it, added] = builders_.try_emplace(name, capital_);
  if (added)
    for (const auto& s : sessions_) it->second.add(s);
  return it->second;
}

void instance_stats_builder::add(const ev::event& e) {
  if (std::holds_alternative<ev::session_opened>(e.body) ||
      std::holds_alternative<ev::session_closed>(e.body)) {
    sessions_.push_back(e);
    for (auto& [name, b] : builders_) b.add(e);
  } else if (const auto* o = std::get_if<ev::position_opened>(&e.body)) {
    of(o->strategy).add(e);
  } else if (const auto* c = std::get_if<ev::position_closed>(&e.body)) {
    of(c->strategy).add(e);
  } else if (const auto* f = std::get_if<ev::entry_filtered>(&e.body)) {
    of(f->strategy).add(e);
  }
}

std::map<std::string, trading_stats> instance_stats_builder::result() const {
  std::map<std::string, trading_stats> out;
  for (const auto& [name, b] : builders_) out.emplace(name, b.result());
  return out;
}

}  // namespace strike::core::report
