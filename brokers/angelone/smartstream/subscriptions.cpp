#include "brokers/angelone/smartstream/subscriptions.hpp"

#include <array>
#include <cstdio>
#include <map>

#include "base/json_writer.hpp"
#include "brokers/angelone/smartstream/exchange_types.hpp"
#include "core/ist.hpp"

namespace strike::brokers::angelone::smartstream {
namespace {

constexpr std::size_t max_token = 25;

// The table key: the exchange type byte, then the token. Fits on the stack.
struct key_buffer {
  std::array<char, 1 + max_token> bytes{};
  std::size_t size = 0;
  key_buffer(std::uint8_t exchange_type, std::string_view token) {
    bytes[0] = static_cast<char>(exchange_type);
    size = 1 + std::min(token.size(), max_token);
    std::copy_n(token.data(), size - 1, bytes.begin() + 1);
  }
  std::string_view view() const { return {bytes.data(), size}; }
};

struct parsed_instrument {
  std::uint8_t exchange_type;
  std::string token;
};

result<parsed_instrument> parse_instrument(std::string_view text) {
  const auto colon = text.find(':');
  if (colon == std::string_view::npos || colon == 0 || colon + 1 == text.size())
    return error{"instrument '" + std::string(text) + "' is not EXCHANGE:TOKEN"};
  const auto type = exchange_type_of(text.substr(0, colon));
  if (!type)
    return error{"instrument '" + std::string(text) + "': the feed has no exchange '" +
                 std::string(text.substr(0, colon)) + "'"};
  const auto token = text.substr(colon + 1);
  if (token.size() > max_token)
    return error{"instrument '" + std::string(text) + "': token longer than 25"};
  for (char c : token)
    if (c < 0x21 || c > 0x7E || c == '"' || c == '\\')
      return error{"instrument '" + std::string(text) + "': token is not printable ASCII"};
  return parsed_instrument{*type, std::string(token)};
}

// IST days since the epoch of a non-negative UTC time, without overflow near the top of int64.
std::int64_t ist_day(std::int64_t utc_ns) {
  return utc_ns / core::ns_per_day +
         (utc_ns % core::ns_per_day + core::ist_offset_ns) / core::ns_per_day;
}

}  // namespace

subscriptions::table::iterator subscriptions::find(std::uint8_t exchange_type,
                                                   std::string_view token) {
  if (token.size() > max_token) return entries_.end();
  return entries_.find(key_buffer(exchange_type, token).view());
}

subscriptions::table::const_iterator subscriptions::find(std::uint8_t exchange_type,
                                                         std::string_view token) const {
  if (token.size() > max_token) return entries_.end();
  return entries_.find(key_buffer(exchange_type, token).view());
}

std::string subscriptions::message(int action, feed_mode mode,
                                   const std::vector<const entry*>& list) {
  std::map<std::uint8_t, std::vector<const entry*>> by_exchange;
  for (const entry* e : list) by_exchange[e->exchange_type].push_back(e);
  char correlation[16];
  std::snprintf(correlation, sizeof correlation, "strk%06llu",
                static_cast<unsigned long long>(++correlation_ % 1'000'000));
  std::string out;
  base::json_writer w(out);
  w.begin_object()
      .key("correlationID")
      .value(std::string_view(correlation))
      .key("action")
      .value(action);
  w.key("params")
      .begin_object()
      .key("mode")
      .value(static_cast<int>(mode))
      .key("tokenList")
      .begin_array();
  for (const auto& [type, entries] : by_exchange) {
    w.begin_object().key("exchangeType").value(static_cast<int>(type)).key("tokens").begin_array();
    for (const entry* e : entries) w.value(e->token);
    w.end_array().end_object();
  }
  w.end_array().end_object().end_object();
  return out;
}

status subscriptions::add(std::span<const std::string> instruments, feed_mode mode,
                          std::vector<std::string>& messages) {
  std::vector<parsed_instrument> parsed;
  std::size_t fresh = 0;
  for (const auto& text : instruments) {
    auto p = parse_instrument(text);
    if (!p) return p.error();
    if (find(p->exchange_type, p->token) == entries_.end()) ++fresh;
    parsed.push_back(std::move(*p));
  }
  if (entries_.size() + fresh > max_subscriptions)
    return error{"subscriptions: " + std::to_string(entries_.size() + fresh) +
                 " instruments is over the limit of " + std::to_string(max_subscriptions)};
  std::map<feed_mode, std::vector<const entry*>> moved;  // by the mode they leave
  std::vector<const entry*> added;
  for (std::size_t i = 0; i < parsed.size(); ++i) {
    auto& p = parsed[i];
    const key_buffer key(p.exchange_type, p.token);
    auto it = entries_.find(key.view());
    if (it == entries_.end()) {
      entry e;
      e.instrument = instruments[i];
      e.token = p.token;
      e.exchange_type = p.exchange_type;
      e.index = is_index(p.exchange_type, p.token);
      it = entries_.emplace(std::string(key.view()), std::move(e)).first;
    } else if (it->second.mode == mode) {
      continue;  // already so: the server ignores duplicates, and so do we
    } else {
      moved[it->second.mode].push_back(&it->second);
    }
    it->second.mode = mode;
    added.push_back(&it->second);
  }
  for (const auto& [old_mode, list] : moved) messages.push_back(message(0, old_mode, list));
  if (!added.empty()) messages.push_back(message(1, mode, added));
  return {};
}

status subscriptions::remove(std::span<const std::string> instruments,
                             std::vector<std::string>& messages) {
  std::map<feed_mode, std::vector<entry>> gone;
  for (const auto& text : instruments) {
    auto p = parse_instrument(text);
    if (!p) return p.error();
    auto it = find(p->exchange_type, p->token);
    if (it == entries_.end()) continue;
    gone[it->second.mode].push_back(std::move(it->second));
    entries_.erase(it);
  }
  for (const auto& [mode, list] : gone) {
    std::vector<const entry*> refs;
    for (const auto& e : list) refs.push_back(&e);
    messages.push_back(message(0, mode, refs));
  }
  return {};
}

std::vector<std::string> subscriptions::restore() {
  std::map<feed_mode, std::vector<const entry*>> by_mode;
  for (const auto& [_, e] : entries_) by_mode[e.mode].push_back(&e);
  std::vector<std::string> out;
  for (const auto& [mode, list] : by_mode) out.push_back(message(1, mode, list));
  return out;
}

subscriptions::verdict subscriptions::admit(const market_tick& t) {
  auto it = find(t.exchange_type, t.token);
  if (it == entries_.end()) return verdict::unsubscribed;
  entry& e = it->second;
  const std::int64_t day = ist_day(t.exchange_ns);
  const std::int64_t order = e.index ? t.exchange_ns : t.sequence;
  if (day < e.last_day || (day == e.last_day && order <= e.last_order)) return verdict::duplicate;
  e.last_day = day;
  e.last_order = order;
  return verdict::fresh;
}

std::string_view subscriptions::instrument_of(std::uint8_t exchange_type,
                                              std::string_view token) const {
  auto it = find(exchange_type, token);
  return it == entries_.end() ? std::string_view{} : std::string_view(it->second.instrument);
}

}  // namespace strike::brokers::angelone::smartstream
