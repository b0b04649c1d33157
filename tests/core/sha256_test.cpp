#include <doctest/doctest.h>

#include <string>

#include "core/sha256.hpp"

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
