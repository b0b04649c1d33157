// Writes test journals through the real journal.
#pragma once

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "storage/journal.hpp"

namespace strike::test {

inline events::event numbered_event(std::int64_t seq) {
  return {{seq, 1'763'782'500'000'000'000 + seq * 1'000'000, "", 0, ""},
          events::trading_resumed{"reason " + std::to_string(seq)}};
}

// Appends events first_seq..last_seq to the journal in dir and closes it.
inline void write_events(const std::filesystem::path& dir, std::int64_t first_seq, std::int64_t last_seq,
                         storage::durability d = storage::durability::group) {
  auto j = storage::journal::open({dir, d}, first_seq - 1);
  REQUIRE(j.ok());
  for (std::int64_t s = first_seq; s <= last_seq; ++s) REQUIRE((*j)->append(numbered_event(s)).ok());
  REQUIRE((*j)->close().ok());
}

inline std::string slurp(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

inline void spit(const std::filesystem::path& p, const std::string& content) {
  std::ofstream out(p, std::ios::binary | std::ios::trunc);
  out << content;
}

}  // namespace strike::test
