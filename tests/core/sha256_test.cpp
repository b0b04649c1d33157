#include <doctest/doctest.h>

#include <random>
#include <string>

#include "core/sha256.hpp"
#include "core/sha256_blocks.hpp"

using namespace strike;

TEST_CASE("a digest fed in pieces equals the digest of the whole, and the stream starts afresh") {
  // FIPS 180-2, appendix B.1 and B.2.
  CHECK(core::sha256_hex("abc") ==
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  const std::string two = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
  core::sha256_stream s;
  for (std::size_t i = 0; i < two.size(); i += 7) s.update(std::string_view(two).substr(i, 7));
  CHECK(s.hex() == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  s.update("abc");
  CHECK(s.hex() == core::sha256_hex("abc"));
  CHECK(s.hex() == core::sha256_hex(""));
}

TEST_CASE("the in-house digest of a short message is OpenSSL's at every length across two blocks") {
  // Lengths 0 to 200 cover the padding's every case: the length field in the first block, in a
  // second one, and whole blocks before the tail.
  CHECK(core::sha256_hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  CHECK(core::sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq") ==
        "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  std::string message;
  for (int n = 0; n <= 200; ++n) {
    CAPTURE(n);
    core::sha256_stream openssl;
    openssl.update(message);
    CHECK(core::sha256_hex(message) == openssl.hex());
    message.push_back(static_cast<char>('a' + n % 26 + (n % 7 == 0 ? 128 : 0)));
  }
}

TEST_CASE("a digest's first digits are the full digest's") {
  const std::string whole = core::sha256_hex("order|key");
  for (std::size_t digits : {0u, 1u, 7u, 16u, 63u, 64u})
    CHECK(core::sha256_hex("order|key", digits) == whole.substr(0, digits));
  CHECK(core::sha256_hex("order|key", 100) == whole);
}

TEST_CASE("the SHA extensions compress blocks to the portable code's state") {
  if (!core::have_sha_extensions()) {
    MESSAGE("this processor has no SHA extensions: only the portable code runs here");
    return;
  }
  std::mt19937_64 rng(3);
  std::string data(64 * 5, '\0');
  for (int run = 0; run < 200; ++run) {
    for (auto& c : data) c = static_cast<char>(rng());
    core::sha256_state portable{}, extensions{};
    for (auto& word : portable) word = static_cast<std::uint32_t>(rng());
    extensions = portable;
    const std::size_t blocks = 1 + rng() % 5;
    const auto* bytes = reinterpret_cast<const unsigned char*>(data.data());
    core::sha256_blocks_portable(portable, bytes, blocks);
    core::sha256_blocks_ni(extensions, bytes, blocks);
    REQUIRE(extensions == portable);
  }
}
