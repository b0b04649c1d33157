// A state built by folding events one at a time, each stamped with the next seq and a second
// per seq, as the journal would hold them.
#pragma once

#include <cstdint>
#include <string>
#include <utility>

#include "core/state.hpp"

namespace strike::test {

struct state_folder {
  core::state s;
  std::int64_t seq = 0;
  void operator()(events::payload p, std::string key = {}) {
    ++seq;
    core::apply(s, events::event{{seq, 1'000'000'000 * seq, std::move(key), 0, ""}, std::move(p)});
  }
};

}  // namespace strike::test
