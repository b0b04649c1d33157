// Rehearsals (trading_engine::rehearse_entry, session_engine_options::rehearse) make what a
// decision makes and drop it unread.
#pragma once

namespace strike::core::trading {

// Marks something a rehearsal made as used, so that the compiler does not leave the making out.
inline void rehearsed(const void* made) {
  asm volatile("" : : "g"(made) : "memory");
}

}  // namespace strike::core::trading
