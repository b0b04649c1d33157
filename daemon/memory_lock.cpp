#include "daemon/memory_lock.hpp"

#include <malloc.h>
#include <sys/mman.h>
#include <sys/resource.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <string>

namespace strike::daemon {
namespace {

#if defined(__SANITIZE_ADDRESS__)
constexpr bool address_sanitizer = true;
#else
constexpr bool address_sanitizer = false;
#endif

// CAP_IPC_LOCK in the effective set, from /proc/self/status (CapEff: hex mask, bit 14).
bool may_lock_past_the_limit() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    if (!line.starts_with("CapEff:")) continue;
    const unsigned long long mask = std::stoull(line.substr(7), nullptr, 16);
    return (mask >> 14) & 1ULL;
  }
  return false;
}

// The calling thread's stack grows on demand, a page fault each new page, locked or not: its
// first half MiB is touched now, while nothing waits on it.
[[gnu::noinline]] void touch_stack() {
  volatile char stack[512 * 1024];
  for (std::size_t i = 0; i < sizeof stack; i += 4096) stack[i] = 0;
}

}  // namespace

memory_lock_outcome lock_memory() {
  if (address_sanitizer) return {false, "not under AddressSanitizer"};
  rlimit limit{};
  if (::getrlimit(RLIMIT_MEMLOCK, &limit) != 0)
    return {false, std::string("getrlimit(RLIMIT_MEMLOCK): ") + std::strerror(errno)};
  if (limit.rlim_cur != RLIM_INFINITY && !may_lock_past_the_limit())
    return {false, "RLIMIT_MEMLOCK is " + std::to_string(limit.rlim_cur / 1024) +
                       " KiB (LimitMEMLOCK=infinity in the unit, or ulimit -l unlimited)"};
  // Freed memory stays with the allocator: handed back, it would be mapped (and so populated)
  // again on the next growth. A fixed mmap threshold keeps glibc from raising it as it goes.
  ::mallopt(M_TRIM_THRESHOLD, 256 << 20);
  ::mallopt(M_MMAP_THRESHOLD, 32 << 20);
  if (::mlockall(MCL_CURRENT | MCL_FUTURE) != 0)
    return {false, std::string("mlockall: ") + std::strerror(errno)};
  touch_stack();
  return {true, ""};
}

}  // namespace strike::daemon
