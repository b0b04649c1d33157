#include "core/sha256_blocks.hpp"

#if defined(__x86_64__)
#include <cpuid.h>
#include <immintrin.h>
#endif

namespace strike::core {

#if defined(__x86_64__)

bool have_sha_extensions() {
  static const bool have = [] {
    unsigned a = 0, b = 0, c = 0, d = 0;
    if (!__get_cpuid_count(7, 0, &a, &b, &c, &d)) return false;
    const bool sha = (b & (1u << 29)) != 0;
    if (!__get_cpuid(1, &a, &b, &c, &d)) return false;
    const bool ssse3 = (c & (1u << 9)) != 0, sse41 = (c & (1u << 19)) != 0;
    return sha && ssse3 && sse41;
  }();
  return have;
}

// The rounds go four at a time; the instructions keep the state as two halves, ABEF and CDGH.
// Group i's message words come from those of groups i-4 to i-1 (sha256msg1, the word seven back,
// sha256msg2), kept in a ring of four.
__attribute__((target("sha,sse4.1,ssse3"))) void sha256_blocks_ni(sha256_state& h,
                                                                  const unsigned char* blocks,
                                                                  std::size_t count) {
  const __m128i byte_swap = _mm_set_epi64x(0x0c0d0e0f08090a0bULL, 0x0405060700010203ULL);
  __m128i dcba = _mm_loadu_si128(reinterpret_cast<const __m128i*>(&h[0]));
  __m128i hgfe = _mm_loadu_si128(reinterpret_cast<const __m128i*>(&h[4]));
  const __m128i cdab = _mm_shuffle_epi32(dcba, 0xB1);
  const __m128i efgh = _mm_shuffle_epi32(hgfe, 0x1B);
  __m128i abef = _mm_alignr_epi8(cdab, efgh, 8);
  __m128i cdgh = _mm_blend_epi16(efgh, cdab, 0xF0);
  for (; count > 0; --count, blocks += 64) {
    const __m128i abef_before = abef, cdgh_before = cdgh;
    __m128i w[4];
    for (int i = 0; i < 16; ++i) {
      __m128i& words = w[i % 4];
      if (i < 4) {
        words = _mm_shuffle_epi8(_mm_loadu_si128(reinterpret_cast<const __m128i*>(blocks + 16 * i)),
                                 byte_swap);
      } else {
        const __m128i& last = w[(i + 3) % 4];
        __m128i next = _mm_sha256msg1_epu32(words, w[(i + 1) % 4]);
        next = _mm_add_epi32(next, _mm_alignr_epi8(last, w[(i + 2) % 4], 4));
        words = _mm_sha256msg2_epu32(next, last);
      }
      __m128i msg = _mm_add_epi32(
          words, _mm_load_si128(reinterpret_cast<const __m128i*>(&sha256_round_constants[4 * i])));
      cdgh = _mm_sha256rnds2_epu32(cdgh, abef, msg);
      msg = _mm_shuffle_epi32(msg, 0x0E);
      abef = _mm_sha256rnds2_epu32(abef, cdgh, msg);
    }
    abef = _mm_add_epi32(abef, abef_before);
    cdgh = _mm_add_epi32(cdgh, cdgh_before);
  }
  const __m128i feba = _mm_shuffle_epi32(abef, 0x1B);
  const __m128i dchg = _mm_shuffle_epi32(cdgh, 0xB1);
  dcba = _mm_blend_epi16(feba, dchg, 0xF0);
  hgfe = _mm_alignr_epi8(dchg, feba, 8);
  _mm_storeu_si128(reinterpret_cast<__m128i*>(&h[0]), dcba);
  _mm_storeu_si128(reinterpret_cast<__m128i*>(&h[4]), hgfe);
}

#else

bool have_sha_extensions() {
  return false;
}
void sha256_blocks_ni(sha256_state& h, const unsigned char* blocks, std::size_t count) {
  sha256_blocks_portable(h, blocks, count);
}

#endif

void sha256_blocks(sha256_state& h, const unsigned char* blocks, std::size_t count) {
  if (have_sha_extensions())
    sha256_blocks_ni(h, blocks, count);
  else
    sha256_blocks_portable(h, blocks, count);
}

}  // namespace strike::core
