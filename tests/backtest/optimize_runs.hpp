// What the optimiser's tests share: striked run as a user runs it, and the files it wrote.
#pragma once

#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "tests/support/child_process.hpp"
#include "tests/support/striked.hpp"

namespace strike::test::optimize_runs {

inline std::string file_text(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream all;
  all << in.rdbuf();
  return all.str();
}

struct ran {
  int code = -1;
  std::string out;
  std::string err;
};

inline ran run_striked(std::vector<std::string> arguments) {
  child_process p(striked, std::move(arguments));
  ran r;
  r.code = p.wait_exit(std::chrono::seconds(300)).value_or(-1);
  r.out = p.drain_stdout();
  r.err = p.drain_stderr();
  return r;
}

// `striked optimize` of sweep on the shipped configuration over the synthetic days from..to
// (seed), a print a minute and one strike each side, quiet, into out; then `more`.
inline ran optimize(const std::filesystem::path& sweep, const std::filesystem::path& out,
                    const std::string& from, const std::string& to, const std::string& seed,
                    const std::vector<std::string>& more) {
  std::vector<std::string> a{"optimize", "--config", shipped_config, "--sweep",   sweep.string(),
                             "--from",   from,       "--to",         to,          "--synthetic",
                             seed,       "--step",   "60",           "--strikes", "1",
                             "--quiet",  "--out",    out.string()};
  a.insert(a.end(), more.begin(), more.end());
  return run_striked(std::move(a));
}

}  // namespace strike::test::optimize_runs
