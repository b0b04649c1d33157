#include "core/market/rejection_counter.hpp"

namespace strike::core::market {

std::optional<events::market_data_rejected> rejection_counter::add(std::string_view source,
                                                                   std::string_view instrument,
                                                                   std::string_view reason,
                                                                   std::string detail,
                                                                   std::int64_t now_ns) {
  ++total_;
  auto r = by_reason_.find(reason);
  if (r == by_reason_.end()) r = by_reason_.emplace(std::string(reason), 0).first;
  ++r->second;

  key k{std::string(source), std::string(instrument), std::string(reason)};
  kind& kd = kinds_[k];
  ++kd.unreported;
  kd.detail = std::move(detail);
  if (kd.reported && now_ns - kd.last_report_ns < interval_ns_) return std::nullopt;
  events::market_data_rejected e{std::get<0>(k), std::get<1>(k), std::get<2>(k), kd.detail,
                                 kd.unreported};
  kd.unreported = 0;
  kd.reported = true;
  kd.last_report_ns = now_ns;
  return e;
}

void rejection_counter::flush(std::int64_t now_ns, std::vector<events::market_data_rejected>& out) {
  for (auto& [k, kd] : kinds_) {
    if (kd.unreported == 0 || now_ns - kd.last_report_ns < interval_ns_) continue;
    out.push_back({std::get<0>(k), std::get<1>(k), std::get<2>(k), kd.detail, kd.unreported});
    kd.unreported = 0;
    kd.last_report_ns = now_ns;
  }
}

std::int64_t rejection_counter::count(std::string_view reason) const {
  auto it = by_reason_.find(reason);
  return it == by_reason_.end() ? 0 : it->second;
}

}  // namespace strike::core::market
