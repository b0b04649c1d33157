#include "daemon/event_feed.hpp"

#include <algorithm>
#include <charconv>

#include "core/bus.hpp"
#include "events/codec.hpp"

namespace strike::daemon {

namespace {

bool wanted(const std::vector<std::string>& types, std::string_view type) {
  return types.empty() || std::find(types.begin(), types.end(), type) != types.end();
}

}  // namespace

event_feed::event_feed(core::bus& bus, std::size_t keep)
    : lines_(std::make_shared<std::deque<line>>()) {
  bus.subscribe_all("dashboard", [lines = lines_, keep](const events::event& e) {
    lines->push_back({static_cast<std::uint64_t>(e.env.seq), e.type_name(), e, {}});
    if (lines->size() > keep) lines->pop_front();
  });
}

std::string event_feed::since(std::uint64_t& after, const std::vector<std::string>& types) const {
  std::string out;
  auto it = std::upper_bound(lines_->begin(), lines_->end(), after,
                             [](std::uint64_t seq, const line& l) { return seq < l.seq; });
  for (; it != lines_->end(); ++it) {
    after = it->seq;
    if (!wanted(types, it->type)) continue;
    if (it->json.empty()) events::encode(it->event, it->json);
    out += "id: " + std::to_string(it->seq) + "\ndata: " + it->json + "\n\n";
  }
  return out;
}

std::uint64_t event_feed::start_for(std::size_t n, const std::vector<std::string>& types) const {
  std::size_t found = 0;
  for (auto it = lines_->rbegin(); it != lines_->rend(); ++it)
    if (wanted(types, it->type) && ++found > n) return it->seq;
  return 0;
}

feed_query parse_feed_query(std::string_view query) {
  feed_query q;
  while (!query.empty()) {
    auto piece = query.substr(0, query.find('&'));
    query.remove_prefix(std::min(query.size(), piece.size() + 1));
    if (piece.starts_with("type=")) {
      auto list = piece.substr(5);
      while (!list.empty()) {
        auto name = list.substr(0, list.find(','));
        list.remove_prefix(std::min(list.size(), name.size() + 1));
        if (!name.empty()) q.types.emplace_back(name);
      }
    } else if (piece.starts_with("n=")) {
      std::size_t n = 0;
      const auto v = piece.substr(2);
      if (std::from_chars(v.data(), v.data() + v.size(), n).ptr == v.data() + v.size())
        q.backlog = std::min<std::size_t>(n, 500);
    }
  }
  return q;
}

}  // namespace strike::daemon
