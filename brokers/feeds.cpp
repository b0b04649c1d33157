#include "brokers/feeds.hpp"

namespace strike::brokers {

std::string_view to_string(feed_mode m) {
  switch (m) {
    case feed_mode::ltp: return "ltp";
    case feed_mode::quote: return "quote";
    case feed_mode::snap_quote: return "snap";
  }
  return "unknown";
}

std::optional<feed_mode> feed_mode_from(std::string_view text) {
  if (text == "ltp") return feed_mode::ltp;
  if (text == "quote") return feed_mode::quote;
  if (text == "snap") return feed_mode::snap_quote;
  return std::nullopt;
}

}  // namespace strike::brokers
