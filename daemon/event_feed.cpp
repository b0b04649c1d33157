#include "daemon/event_feed.hpp"

#include <algorithm>
#include <charconv>
#include <utility>

#include "core/bus.hpp"
#include "events/codec.hpp"

namespace strike::daemon {

namespace {

bool wanted(const std::vector<std::string>& types, std::string_view type) {
  return types.empty() || std::find(types.begin(), types.end(), type) != types.end();
}

}  // namespace

std::shared_ptr<const events::event> event_feed::ring::push(
    const std::shared_ptr<const events::event>& e) {
  line* l = nullptr;
  if (count < lines.size()) {
    l = &lines[(first + count++) % lines.size()];
  } else {
    l = &lines[first];
    first = (first + 1) % lines.size();
  }
  l->seq = static_cast<std::uint64_t>(e->env.seq);
  l->type = e->type_name();
  l->json.clear();
  return std::exchange(l->event, e);
}

event_feed::event_feed(core::bus& bus, std::size_t keep, poster post)
    : ring_(std::make_shared<ring>()) {
  ring_->lines.resize(std::max<std::size_t>(keep, 1));
  ring_->post = std::move(post);
  ring_->retired.reserve(64);
  bus.subscribe_all_shared("dashboard", [r = ring_](const std::shared_ptr<const events::event>& e) {
    auto displaced = r->push(e);
    if (!displaced || !r->post) return;
    r->retired.push_back(std::move(displaced));
    if (std::exchange(r->release_posted, true)) return;
    r->post([r] {
      r->retired.clear();
      r->release_posted = false;
    });
  });
}

std::string event_feed::since(std::uint64_t& after, const std::vector<std::string>& types) const {
  const ring& r = *ring_;
  std::size_t lo = 0, hi = r.count;  // the first kept event after `after`
  while (lo < hi) {
    const std::size_t mid = lo + (hi - lo) / 2;
    if (r[mid].seq <= after)
      lo = mid + 1;
    else
      hi = mid;
  }
  std::string out;
  for (std::size_t i = lo; i < r.count; ++i) {
    const line& l = r[i];
    after = l.seq;
    if (!wanted(types, l.type)) continue;
    if (l.json.empty()) events::encode(*l.event, l.json);
    out += "id: " + std::to_string(l.seq) + "\ndata: " + l.json + "\n\n";
  }
  return out;
}

std::uint64_t event_feed::start_for(std::size_t n, const std::vector<std::string>& types) const {
  const ring& r = *ring_;
  std::size_t found = 0;
  for (std::size_t i = r.count; i-- > 0;)
    if (wanted(types, r[i].type) && ++found > n) return r[i].seq;
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
