// CRC-32C (Castagnoli), the checksum of every journal line and snapshot.
#pragma once

#include <cstdint>
#include <string_view>

namespace strike::storage {

// Returns the CRC-32C of data, continuing from crc (pass 0 to start). Uses the SSE4.2
// instruction when the CPU has it, else a table.
std::uint32_t crc32c(std::string_view data, std::uint32_t crc = 0);

}  // namespace strike::storage
