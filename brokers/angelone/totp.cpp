#include "brokers/angelone/totp.hpp"

#include <liboath/oath.h>

#include <cctype>
#include <cstdlib>
#include <memory>
#include <algorithm>

namespace strike::brokers::angelone {
namespace {

bool oath_ready() {
  static const bool ok = oath_init() == OATH_OK;
  return ok;
}

// Upper case, no spaces or dashes, '=' padding to a multiple of 8, as strict decoders want.
std::string normalise(std::string_view secret) {
  std::string out;
  out.reserve(secret.size() + 8);
  for (char c : secret) {
    if (c == ' ' || c == '-' || c == '=') continue;
    out.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
  }
  while (out.size() % 8 != 0) out.push_back('=');
  return out;
}

struct free_deleter {
  void operator()(char* p) const { std::free(p); }
};

}  // namespace

result<std::string> totp_code_raw(std::string_view secret, std::int64_t unix_seconds,
                                  unsigned digits) {
  if (!oath_ready()) return error{"TOTP: liboath failed to initialise"};
  if (digits < 6 || digits > 8) return error{"TOTP: digits must be 6, 7 or 8"};
  char code[16] = {};
  const int rc = oath_totp_generate(secret.data(), secret.size(), static_cast<time_t>(unix_seconds),
                                    OATH_TOTP_DEFAULT_TIME_STEP_SIZE, OATH_TOTP_DEFAULT_START_TIME,
                                    digits, code);
  if (rc != OATH_OK) return error{std::string("TOTP: ") + oath_strerror(rc)};
  return std::string(code);
}

result<std::string> totp_code(std::string_view base32_secret, std::int64_t unix_seconds,
                              unsigned digits) {
  if (!oath_ready()) return error{"TOTP: liboath failed to initialise"};
  const std::string padded = normalise(base32_secret);
  if (padded.empty()) return error{"TOTP: the secret is empty"};
  char* raw = nullptr;
  std::size_t raw_len = 0;
  const int rc = oath_base32_decode(padded.data(), padded.size(), &raw, &raw_len);
  std::unique_ptr<char, free_deleter> owned(raw);
  if (rc != OATH_OK) return error{"TOTP: the secret is not valid base32"};
  auto code = totp_code_raw(std::string_view(raw, raw_len), unix_seconds, digits);
  // The decoded secret is wiped before its memory goes back.
  if (raw) std::fill(raw, raw + raw_len, '\0');
  return code;
}

}  // namespace strike::brokers::angelone
