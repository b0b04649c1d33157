#include "core/sha256.hpp"

#include <openssl/evp.h>

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

}  // namespace

std::string sha256_hex(std::string_view data) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  EVP_Digest(data.data(), data.size(), digest, &len, EVP_sha256(), nullptr);
  return to_hex(digest, len);
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
