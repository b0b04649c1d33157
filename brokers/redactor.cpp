#include "brokers/redactor.hpp"

#include <algorithm>

namespace strike::brokers {

namespace {

bool known(const std::deque<std::string>& list, const std::string& s) {
  return std::find(list.begin(), list.end(), s) != list.end();
}

}  // namespace

void redactor::add(std::string secret) {
  if (secret.size() < 4 || known(permanent_, secret)) return;
  permanent_.push_back(std::move(secret));
}

void redactor::add_rotating(std::string secret) {
  if (secret.size() < 4 || known(rotating_, secret) || known(permanent_, secret)) return;
  rotating_.push_back(std::move(secret));
  if (rotating_.size() > max_rotating) rotating_.pop_front();
}

std::string redactor::clean(std::string_view text) const {
  std::string out(text);
  // Longest first, so a token containing a shorter secret is masked whole.
  std::deque<const std::string*> order;
  for (const auto& s : permanent_) order.push_back(&s);
  for (const auto& s : rotating_) order.push_back(&s);
  std::sort(order.begin(), order.end(), [](auto* a, auto* b) { return a->size() > b->size(); });
  for (const auto* s : order) {
    for (auto pos = out.find(*s); pos != std::string::npos; pos = out.find(*s, pos + mask.size()))
      out.replace(pos, s->size(), mask);
  }
  return out;
}

}  // namespace strike::brokers
