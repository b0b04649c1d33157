#include "core/trading/instance_limits.hpp"

#include <algorithm>

#include "core/mul_div.hpp"

namespace strike::core::trading {
namespace {

risk_verdict refused(std::string check, std::string reason) {
  return {false, std::move(check), std::move(reason), 0, 0};
}

// An entry sent or on its way (one still before its risk verdict is not yet an exposure).
bool entry_working(const order_record& o) {
  return o.purpose == events::purpose::entry && !is_terminal(o.status) &&
         o.status != order_status::intended;
}

}  // namespace

std::int64_t instance_exposure(const state& s, std::string_view instance) {
  std::int64_t n = 0;
  for (const auto& [key, p] : s.positions)
    if (p.qty != 0 && p.strategy == instance) ++n;
  for (const auto& [key, o] : s.orders)
    if (entry_working(o) && o.filled_qty == 0 && o.strategy == instance) ++n;
  return n;
}

std::int64_t instance_open_cost(const state& s, std::string_view instance) {
  std::int64_t cost = 0;
  for (const auto& [key, p] : s.positions)
    if (p.qty != 0 && p.strategy == instance)
      cost = sat_add(cost, std::max<std::int64_t>(p.cost_paise, 0));
  return cost;
}

std::int64_t instance_realized(const state& s, std::string_view instance) {
  auto it = s.instances_today.find(std::string(instance));
  return it == s.instances_today.end() ? 0 : it->second.realized_pnl_paise;
}

std::int64_t instance_loss_limit(const instance_limits& l) {
  if (l.daily_loss_bps <= 0 || l.capital_paise <= 0) return 0;
  return -mul_div(l.capital_paise, l.daily_loss_bps, 10'000);
}

bool instance_loss_reached(const instance_limits& l, const state& s, std::string_view instance,
                           std::int64_t unrealized_paise) {
  const std::int64_t limit = instance_loss_limit(l);
  return limit < 0 && sat_add(instance_realized(s, instance), unrealized_paise) <= limit;
}

risk_verdict check_instance_entry(const instance_limits* l, const state& s,
                                  std::string_view instance, std::int64_t cost_paise,
                                  std::int64_t unrealized_paise) {
  if (const auto* h = s.risk.instance_halt(instance))
    return refused("instance_halted",
                   std::string(instance) + " halted: " + h->first + " (" + h->second.detail + ")");
  if (!l) return {true, "", "", 0, 0};
  if (const auto n = instance_exposure(s, instance); l->max_positions > 0 && n >= l->max_positions)
    return refused("instance_max_positions", std::to_string(n) + " open of at most " +
                                                 std::to_string(l->max_positions) + " for " +
                                                 std::string(instance));
  if (instance_loss_reached(*l, s, instance, unrealized_paise))
    return refused("instance_daily_loss",
                   std::string(instance) + "'s P&L today " +
                       std::to_string(instance_realized(s, instance) + unrealized_paise) +
                       " paise is at its limit " + std::to_string(instance_loss_limit(*l)));
  if (l->capital_paise > 0) {
    const std::int64_t funds =
        l->capital_paise + instance_realized(s, instance) - instance_open_cost(s, instance);
    if (cost_paise > funds)
      return refused("instance_funds", std::string(instance) + " needs " +
                                           std::to_string(cost_paise) + " paise, its share has " +
                                           std::to_string(funds));
  }
  return {true, "", "", 0, 0};
}

}  // namespace strike::core::trading
