#include "core/idempotency_keys.hpp"

namespace strike::core {

void idempotency_keys::forget_before(std::int64_t ts) {
  std::erase_if(keys_, [ts](const auto& entry) { return entry.second < ts; });
}

}  // namespace strike::core
