// JSON form of the state: what `striked replay` prints and what snapshots hold. Deterministic:
// equal states encode to equal bytes.
#pragma once

#include <string>
#include <string_view>

#include "base/result.hpp"
#include "core/state.hpp"

namespace strike::core {

// Appends the state as one JSON object. With include_keys the idempotency keys are written
// too (snapshots need them; people reading replay output usually do not).
void encode_state(const state& s, std::string& out, bool include_keys = true);

// Rebuilds a state from encode_state's output (with keys).
result<state> decode_state(std::string_view json);

}  // namespace strike::core
