// SHA-256's compression function over whole 64-byte blocks: the portable one, and one on the
// processor's SHA extensions where it has them (a tenth of the instructions, and no table of
// round constants to fetch, for the two blocks of an order key).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>

namespace strike::core {

using sha256_state = std::array<std::uint32_t, 8>;

void sha256_blocks_portable(sha256_state& h, const unsigned char* blocks, std::size_t count);

// Whether sha256_blocks_ni may be called here.
bool have_sha_extensions();
void sha256_blocks_ni(sha256_state& h, const unsigned char* blocks, std::size_t count);

// The SHA extensions when there are, the portable code otherwise.
void sha256_blocks(sha256_state& h, const unsigned char* blocks, std::size_t count);

}  // namespace strike::core
