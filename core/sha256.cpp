#include "core/sha256.hpp"

#include "core/sha256_blocks.hpp"

#include <openssl/evp.h>

#include <algorithm>
#include <array>
#include <bit>
#include <cstdint>
#include <cstring>
#include <fstream>

namespace strike::core {

namespace {

std::string to_hex(const unsigned char* digest, unsigned int len) {
  static constexpr char hex[] = "0123456789abcdef";
  std::string out;
  out.reserve(len * 2);
  for (unsigned i = 0; i < len; ++i) {
    out.push_back(hex[digest[i] >> 4]);
    out.push_back(hex[digest[i] & 0xF]);
  }
  return out;
}

// FIPS 180-4 SHA-256, for the short messages an order key hashes (on the processor's SHA
// extensions where it has them: core/sha256_ni.cpp). OpenSSL's digest is faster on a warm cache,
// but its EVP layer (a context allocated, the algorithm looked up in the provider store under a
// lock) costs tens of microseconds the first time in a while, which is how an entry's key is
// computed: once a minute at most, on the path from a tick to its order.
void compress(sha256_state& h, const unsigned char* block) {
  std::array<std::uint32_t, 64> w{};
  for (int i = 0; i < 16; ++i)
    w[i] = std::uint32_t{block[4 * i]} << 24 | std::uint32_t{block[4 * i + 1]} << 16 |
           std::uint32_t{block[4 * i + 2]} << 8 | std::uint32_t{block[4 * i + 3]};
  for (int i = 16; i < 64; ++i) {
    const std::uint32_t s0 = std::rotr(w[i - 15], 7) ^ std::rotr(w[i - 15], 18) ^ (w[i - 15] >> 3);
    const std::uint32_t s1 = std::rotr(w[i - 2], 17) ^ std::rotr(w[i - 2], 19) ^ (w[i - 2] >> 10);
    w[i] = w[i - 16] + s0 + w[i - 7] + s1;
  }
  auto [a, b, c, d, e, f, g, k] = h;
  for (int i = 0; i < 64; ++i) {
    const std::uint32_t t1 = k + (std::rotr(e, 6) ^ std::rotr(e, 11) ^ std::rotr(e, 25)) +
                             ((e & f) ^ (~e & g)) + sha256_round_constants[i] + w[i];
    const std::uint32_t t2 =
        (std::rotr(a, 2) ^ std::rotr(a, 13) ^ std::rotr(a, 22)) + ((a & b) ^ (a & c) ^ (b & c));
    k = g;
    g = f;
    f = e;
    e = d + t1;
    d = c;
    c = b;
    b = a;
    a = t1 + t2;
  }
  const sha256_state add{a, b, c, d, e, f, g, k};
  for (int i = 0; i < 8; ++i) h[i] += add[i];
}

void sha256_short(std::string_view data, std::array<unsigned char, 32>& out) {
  sha256_state h{0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
                 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};
  const auto* p = reinterpret_cast<const unsigned char*>(data.data());
  std::size_t left = data.size();
  const std::size_t whole = left / 64;
  sha256_blocks(h, p, whole);
  p += 64 * whole;
  left -= 64 * whole;
  // The tail, the 0x80 marker and the message's length in bits fill one block or two.
  std::array<unsigned char, 128> tail{};
  std::memcpy(tail.data(), p, left);
  tail[left] = 0x80;
  const std::size_t blocks = left + 9 <= 64 ? 1 : 2;
  const std::uint64_t bits = static_cast<std::uint64_t>(data.size()) * 8;
  for (int i = 0; i < 8; ++i)
    tail[blocks * 64 - 1 - i] = static_cast<unsigned char>(bits >> (8 * i));
  sha256_blocks(h, tail.data(), blocks);
  for (int i = 0; i < 8; ++i)
    for (int j = 0; j < 4; ++j) out[4 * i + j] = static_cast<unsigned char>(h[i] >> (24 - 8 * j));
}

}  // namespace

void sha256_blocks_portable(sha256_state& h, const unsigned char* blocks, std::size_t count) {
  for (; count > 0; --count, blocks += 64) compress(h, blocks);
}

std::string sha256_hex(std::string_view data) {
  return sha256_hex(data, 64);
}

std::string sha256_hex(std::string_view data, std::size_t digits) {
  std::array<unsigned char, 32> digest{};
  sha256_short(data, digest);
  const auto bytes = static_cast<unsigned int>((std::min<std::size_t>(digits, 64) + 1) / 2);
  std::string hex = to_hex(digest.data(), bytes);
  hex.resize(std::min(digits, hex.size()));
  return hex;
}

struct sha256_stream::state {
  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  ~state() { EVP_MD_CTX_free(ctx); }
};

sha256_stream::sha256_stream() : state_(std::make_unique<state>()) {
  EVP_DigestInit_ex(state_->ctx, EVP_sha256(), nullptr);
}

sha256_stream::~sha256_stream() = default;

void sha256_stream::update(std::string_view data) {
  EVP_DigestUpdate(state_->ctx, data.data(), data.size());
}

std::string sha256_stream::hex() {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  EVP_DigestFinal_ex(state_->ctx, digest, &len);
  EVP_DigestInit_ex(state_->ctx, EVP_sha256(), nullptr);
  return to_hex(digest, len);
}

result<std::string> file_sha256(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return error{path.string() + ": cannot read"};
  sha256_stream hash;
  std::string piece(1 << 20, '\0');
  while (in.read(piece.data(), static_cast<std::streamsize>(piece.size())) || in.gcount() > 0)
    hash.update(std::string_view(piece.data(), static_cast<std::size_t>(in.gcount())));
  if (in.bad()) return error{path.string() + ": cannot read"};
  return hash.hex();
}

}  // namespace strike::core
