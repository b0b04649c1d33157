#include "sim/totp.hpp"

#include <liboath/oath.h>

#include <cstdlib>
#include <mutex>

namespace strike::sim {
namespace {

void init_oath_once() {
  static std::once_flag once;
  std::call_once(once, [] { oath_init(); });
}

result<std::string> decode_base32(std::string_view secret) {
  std::string padded(secret);
  while (padded.size() % 8 != 0) padded.push_back('=');
  char* raw = nullptr;
  size_t raw_len = 0;
  if (oath_base32_decode(padded.c_str(), padded.size(), &raw, &raw_len) != OATH_OK)
    return error{"TOTP secret is not base32"};
  std::string out(raw, raw_len);
  std::free(raw);
  return out;
}

}  // namespace

result<std::string> totp_code(std::string_view base32_secret, std::int64_t unix_seconds) {
  init_oath_once();
  auto raw = decode_base32(base32_secret);
  if (!raw) return raw.error();
  char out[8] = {};
  if (oath_totp_generate(raw->data(), raw->size(), static_cast<time_t>(unix_seconds), 30, 0, 6,
                         out) != OATH_OK)
    return error{"TOTP generation failed"};
  return std::string(out, 6);
}

bool totp_matches(std::string_view base32_secret, std::string_view code,
                  std::int64_t unix_seconds) {
  if (code.size() != 6) return false;
  for (int step = -1; step <= 1; ++step) {
    auto expected = totp_code(base32_secret, unix_seconds + step * 30);
    if (expected && *expected == code) return true;
  }
  return false;
}

}  // namespace strike::sim
