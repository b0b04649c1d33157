// Keeps the daemon's memory resident and mapped, so that the decision path never waits for a
// page fault: on a virtual machine one costs 20 µs and more, several times a whole decision.
//
// mlockall(MCL_CURRENT | MCL_FUTURE) maps every page now and every page the process maps later
// (heap growth, thread stacks) as it is mapped; the allocator keeps what is freed instead of
// handing it back, so that memory is not mapped again. The cost is resident memory: every
// thread's whole stack (8 MiB each) and the heap's high-water mark.
#pragma once

#include <string>

namespace strike::daemon {

struct memory_lock_outcome {
  bool locked = false;
  std::string detail;  // why not, when not
};

// Locks only where every later mapping is sure to be allowed as well: RLIMIT_MEMLOCK unlimited
// or CAP_IPC_LOCK. Under a finite limit a locked process's later allocations would fail once
// past it, so it is not locked at all then. Not under AddressSanitizer, whose shadow memory is
// terabytes of reserved address space.
memory_lock_outcome lock_memory();

}  // namespace strike::daemon
