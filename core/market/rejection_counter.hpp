// Counts rejected market data and decides when to report it. The first rejection of a kind
// (source, instrument, reason) is reported at once; later ones of that kind are counted and
// reported at most once per interval, with the count since the last report and the latest
// detail. A bad feed therefore costs one MarketDataRejected per kind per interval, not one per
// tick, and no rejection goes unreported or uncounted.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "events/market_events.hpp"

namespace strike::core::market {

class rejection_counter {
 public:
  explicit rejection_counter(std::int64_t interval_ns) : interval_ns_(interval_ns) {}

  // Records one rejection at now_ns; returns the event to publish now, if one is due.
  std::optional<events::market_data_rejected> add(std::string_view source,
                                                  std::string_view instrument,
                                                  std::string_view reason, std::string detail,
                                                  std::int64_t now_ns);
  // Reports for kinds whose interval has passed with rejections still unreported.
  void flush(std::int64_t now_ns, std::vector<events::market_data_rejected>& out);

  // Rejections recorded since construction, in total and by reason.
  std::int64_t total() const { return total_; }
  std::int64_t count(std::string_view reason) const;

 private:
  struct kind {
    std::int64_t unreported = 0;
    std::int64_t last_report_ns = 0;
    bool reported = false;
    std::string detail;
  };
  using key = std::tuple<std::string, std::string, std::string>;

  std::int64_t interval_ns_;
  std::map<key, kind, std::less<>> kinds_;
  std::map<std::string, std::int64_t, std::less<>> by_reason_;
  std::int64_t total_ = 0;
};

}  // namespace strike::core::market
