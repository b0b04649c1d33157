// Removes secrets from text before it reaches a log, an event or an error message. The broker
// client registers every secret it holds (PIN, TOTP secret, each TOTP code it generated, API
// key, session tokens) and passes every outgoing message through it: a server that echoes a
// credential back, or a bug that formats one, still cannot leak it.
#pragma once

#include <deque>
#include <string>
#include <string_view>

namespace strike::brokers {

class redactor {
 public:
  static constexpr std::string_view mask = "***";
  static constexpr std::size_t max_rotating = 64;

  // A secret kept for good (PIN, TOTP secret, API key). Secrets shorter than 4 characters are
  // ignored: masking them would garble ordinary text.
  void add(std::string secret);
  // A secret that is replaced over time (session tokens, TOTP codes): only the newest
  // max_rotating of them are kept.
  void add_rotating(std::string secret);
  std::string clean(std::string_view text) const;

 private:
  std::deque<std::string> permanent_;
  std::deque<std::string> rotating_;
};

}  // namespace strike::brokers
